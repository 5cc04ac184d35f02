import { CouponReceiver } from './element.js';

/** Bundle entry: `dist/component/coupon-receiver.js` registers the element once, however often it is loaded. */
if (!customElements.get('coupon-receiver')) customElements.define('coupon-receiver', CouponReceiver);

export { CouponReceiver };

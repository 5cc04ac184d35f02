import { parseRfc3339, toRfc3339 } from '../../domain/clock.js';
import type { ProductCouponRecord, ProductCouponState, StockState } from '../../store/catalog.js';
import type { ServiceDeps } from '../deps.js';

/**
 * WeChat reviews new product coupons (AUDITING → EFFECTIVE, stocks AUDITING → SENDING). coupond passes them at once,
 * or, in the sandbox with a review delay, once the clock has passed `created + delay` (D-21). The review is applied
 * lazily, by whichever read meets the product coupon first.
 */
const reviewDelaySeconds = (deps: ServiceDeps) => (deps.sandbox ? (deps.auditDelaySeconds ?? 0) : 0);

export function initialStates(deps: ServiceDeps): { coupon: ProductCouponState; stock: StockState } {
  return reviewDelaySeconds(deps) > 0
    ? { coupon: 'AUDITING', stock: 'AUDITING' }
    : { coupon: 'EFFECTIVE', stock: 'SENDING' };
}

/** Stocks of a bundle added later follow the product coupon: reviewed together with it while it is AUDITING. */
export const stockStateFor = (coupon: ProductCouponRecord): StockState =>
  coupon.state === 'AUDITING' ? 'AUDITING' : 'SENDING';

export async function settleAudit(deps: ServiceDeps, coupon: ProductCouponRecord): Promise<ProductCouponRecord> {
  if (coupon.state !== 'AUDITING') return coupon;
  const now = deps.clock.now();
  const created = parseRfc3339(coupon.createdAt)?.getTime() ?? 0;
  if (now.getTime() < created + reviewDelaySeconds(deps) * 1000) return coupon;
  const at = toRfc3339(now);
  await deps.store.finishAudit(coupon.productCouponId, at);
  return { ...coupon, state: 'EFFECTIVE', updatedAt: at };
}

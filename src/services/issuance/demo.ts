import { CouponError } from '../../domain/errors.js';
import type { DemoPreSendBody } from '../../schemas/component.js';
import { DEMO } from '../bootstrap.js';
import type { ServiceDeps } from '../deps.js';
import { preSend, preSendSingle } from './presend.js';

const missing = () => new CouponError('NOT_FOUND', '演示商品券不存在，请先运行 coupond init', 404);

/** The demo page's pre-send: the demo merchant's demo bundle or single coupon to any openid (sandbox only). */
export async function demoPreSend(deps: ServiceDeps, body: DemoPreSendBody) {
  const request = {
    appid: DEMO.appid,
    brand_id: DEMO.brand_id,
    send_request_no: body.send_request_no ?? `DEMO_${deps.ids.numeric('', 16)}`,
    attach: 'coupond demo',
  };
  if (body.usage_mode === 'SINGLE') {
    const productCouponId = await deps.store.getSetting('demo_single_product_coupon_id');
    const stockId = await deps.store.getSetting('demo_single_stock_id');
    if (!productCouponId || !stockId) throw missing();
    return preSendSingle(deps, DEMO.mchid, body.openid, {
      ...request,
      product_coupon_id: productCouponId,
      stock_id: stockId,
    });
  }
  const productCouponId = await deps.store.getSetting('demo_product_coupon_id');
  const stockBundleId = await deps.store.getSetting('demo_stock_bundle_id');
  if (!productCouponId || !stockBundleId) throw missing();
  return preSend(deps, DEMO.mchid, body.openid, {
    ...request,
    product_coupon_id: productCouponId,
    stock_bundle_id: stockBundleId,
  });
}

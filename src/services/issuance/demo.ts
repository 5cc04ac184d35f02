import { CouponError } from '../../domain/errors.js';
import { DEMO } from '../bootstrap.js';
import type { ServiceDeps } from '../deps.js';
import { preSend } from './presend.js';

/** The demo page's pre-send: the demo merchant's demo bundle to any openid (sandbox only). */
export async function demoPreSend(deps: ServiceDeps, openid: string, sendRequestNo?: string) {
  const productCouponId = await deps.store.getSetting('demo_product_coupon_id');
  const stockBundleId = await deps.store.getSetting('demo_stock_bundle_id');
  if (!productCouponId || !stockBundleId)
    throw new CouponError('NOT_FOUND', '演示商品券不存在，请先运行 coupond init', 404);
  return preSend(deps, DEMO.mchid, openid, {
    product_coupon_id: productCouponId,
    stock_bundle_id: stockBundleId,
    appid: DEMO.appid,
    brand_id: DEMO.brand_id,
    send_request_no: sendRequestNo ?? `DEMO_${deps.ids.numeric('', 16)}`,
    attach: 'coupond demo',
  });
}

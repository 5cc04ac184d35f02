import { pathOf } from '@coupond/client';
import { paths } from '../catalog/helpers.js';
import type { Seeded } from '../fixtures/catalog.js';
import type { Running } from '../harness.js';

export const UPLOAD_PATH = (product_coupon_id: string, stock_id: string) =>
  pathOf(
    'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}/upload-coupon-codes',
    {
      product_coupon_id,
      stock_id,
    },
  );

let counter = 0;
/** A fresh value unique within the run: request numbers and coupon codes. */
export const fresh = (tag: string) => `${tag}_${Date.now().toString(36)}_${++counter}`;

export const uploadBody = (c: Running, codes: string[], requestNo = fresh('UP')) => ({
  out_request_no: requestNo,
  code_list: codes,
  brand_id: c.merchant.brandId,
});

/** Uploads `codes` to stock #`round` of `s`; status and parsed answer. */
export async function upload(c: Running, s: Seeded, codes: string[], round = 0, requestNo = fresh('UP')) {
  const res = await c.send('POST', UPLOAD_PATH(s.productCouponId, s.stockIds[round]!), uploadBody(c, codes, requestNo));
  return { status: res.status, body: await res.json() };
}

/** `coupon_code_count_info` of stock #`round` as the stock query answers it. */
export async function countInfo(c: Running, s: Seeded, round = 0) {
  const res = await c.send('GET', paths.stock(s.productCouponId, s.stockIds[round]!, c.merchant.brandId));
  return (await res.json()).coupon_code_count_info;
}

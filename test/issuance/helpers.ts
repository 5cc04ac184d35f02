import { type KnownPath, pathOf } from '@coupond/client';
import type { Seeded } from '../fixtures/catalog.js';
import type { Running } from '../harness.js';

const userPath = (template: KnownPath) => (openid: string) => pathOf(template, { openid });

export const PRESEND = userPath('v3/marketing/partner/product-coupon/users/{openid}/pre-send-coupon-bundle');
export const SEND = userPath('v3/marketing/partner/product-coupon/users/{openid}/coupon-bundles');

export function presendBody(c: Running, s: Seeded, sendRequestNo: string, extra: Record<string, unknown> = {}) {
  return {
    brand_id: c.merchant.brandId,
    product_coupon_id: s.productCouponId,
    stock_bundle_id: s.stockBundleId,
    appid: c.merchant.appid,
    send_request_no: sendRequestNo,
    ...extra,
  };
}

export async function preSendToken(c: Running, s: Seeded, openid: string, no: string): Promise<string> {
  const res = await c.send('POST', PRESEND(openid), presendBody(c, s, no));
  const body = await res.json();
  if (res.status !== 200) throw new Error(`pre-send ${res.status} ${JSON.stringify(body)}`);
  return body.token as string;
}

export async function claim(
  c: Running,
  token: string,
): Promise<{ result: string; user_coupon_bundle_id?: string; coupon_code?: string }> {
  const res = await fetch(`${c.baseURL}component/v1/tokens/${encodeURIComponent(token)}/claim`, { method: 'POST' });
  return res.json();
}

export async function preview(c: Running, token: string): Promise<{ state: string; [k: string]: unknown }> {
  const res = await fetch(`${c.baseURL}component/v1/tokens/${encodeURIComponent(token)}`);
  return res.json();
}

export const SEND_SINGLE = userPath('v3/marketing/partner/product-coupon/users/{openid}/coupons');
export const PRESEND_SINGLE = userPath('v3/marketing/partner/product-coupon/users/{openid}/pre-send-coupon');

/** A single-mode product coupon and its first stock, as the issuance tests name them. */
export interface SeededSingle {
  productCouponId: string;
  stockId: string;
}

/** The body of 向用户发放商品券 / 向用户预发放商品券 for `s`. */
export function singleBody(c: Running, s: SeededSingle, sendRequestNo: string, extra: Record<string, unknown> = {}) {
  return {
    brand_id: c.merchant.brandId,
    product_coupon_id: s.productCouponId,
    stock_id: s.stockId,
    appid: c.merchant.appid,
    send_request_no: sendRequestNo,
    ...extra,
  };
}

export async function preSendSingleToken(c: Running, s: SeededSingle, openid: string, no: string, extra = {}) {
  const res = await c.send('POST', PRESEND_SINGLE(openid), singleBody(c, s, no, extra));
  const body = await res.json();
  if (res.status !== 200) throw new Error(`pre-send ${res.status} ${JSON.stringify(body)}`);
  return body.token as string;
}

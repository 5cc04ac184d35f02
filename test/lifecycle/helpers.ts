import { type KnownPath, pathOf, type QueryParams } from '@coupond/client';
import { authorizeBrand, createBrand, createMerchant, relateAppId } from '../../src/services/tenants.js';
import { addSingleStock, type SingleOptions, seedSingle } from '../catalog/helpers.js';
import type { Seeded } from '../fixtures/catalog.js';
import { type Running, type StartOptions, startCoupond } from '../harness.js';
import { presendBody, SEND_SINGLE, singleBody } from '../issuance/helpers.js';
import { sdkSend } from '../sdk-send.js';
import { CallbackReceiver } from './receiver.js';

const coupon = (template: KnownPath) => (openid: string, coupon_code: string) =>
  pathOf(template, { openid, coupon_code });

export const paths = {
  notify: pathOf('v3/marketing/partner/product-coupon/notify-configs'),
  send: (openid: string) => pathOf('v3/marketing/partner/product-coupon/users/{openid}/coupon-bundles', { openid }),
  coupon: coupon('v3/marketing/partner/product-coupon/users/{openid}/coupons/{coupon_code}'),
  confirm: coupon('v3/marketing/partner/product-coupon/users/{openid}/coupons/{coupon_code}/confirm'),
  use: coupon('v3/marketing/partner/product-coupon/users/{openid}/coupons/{coupon_code}/use'),
  return: coupon('v3/marketing/partner/product-coupon/users/{openid}/coupons/{coupon_code}/return'),
  deactivate: (openid: string, user_coupon_bundle_id: string) =>
    pathOf('v3/marketing/partner/product-coupon/users/{openid}/coupon-bundles/{user_coupon_bundle_id}/deactivate', {
      openid,
      user_coupon_bundle_id,
    }),
  deactivateCoupon: coupon('v3/marketing/partner/product-coupon/users/{openid}/coupons/{coupon_code}/deactivate'),
  list: (openid: string, query: QueryParams) =>
    pathOf('v3/marketing/partner/product-coupon/users/{openid}/coupons', { openid }, query),
};

let counter = 0;
/** A fresh request number (6–40 characters of `[0-9A-Za-z_-]`). */
export const no = (tag = 'LC') => `${tag}_${Date.now().toString(36)}_${++counter}`;

export interface Env {
  c: Running;
  receiver: CallbackReceiver;
  close(): Promise<void>;
}

/** coupond with the demo merchant's notify URL pointing at a live, verifying receiver. */
export async function startWithReceiver(options: StartOptions = {}): Promise<Env> {
  const c = await startCoupond(options);
  const receiver = new CallbackReceiver({
    apiv3Key: c.merchant.apiv3Key,
    platformId: c.platform.id,
    platformPublicKey: c.platform.publicKey,
  });
  const url = await receiver.start();
  const res = await c.send('POST', paths.notify, { notify_url: url });
  if (res.status !== 200) throw new Error(`notify config ${res.status} ${await res.text()}`);
  return {
    c,
    receiver,
    close: async () => {
      await c.close();
      await receiver.close();
    },
  };
}

let merchants = 0;
/** Another provider on the same server, with its own key, brand and AppID: `c` as that merchant sees it. */
export async function addMerchant(c: Running): Promise<Running> {
  const n = ++merchants;
  const deps = c.app.ctx.deps;
  const m = await createMerchant(deps, { name: `第二服务商 ${n}` });
  const { brand_id } = await createBrand(deps, { name: `第二品牌 ${n}` });
  await authorizeBrand(deps, brand_id, m.mchid);
  const appid = `wx2${String(Date.now()).slice(-9)}${String(n).padStart(4, '0')}`;
  await relateAppId(deps, { appid, mchid: m.mchid });
  const merchant = {
    mchid: m.mchid,
    serial: m.serial_no,
    privateKey: m.private_key!,
    apiv3Key: m.apiv3_key,
    brandId: brand_id,
    appid,
  };
  const origin = c.baseURL.replace(/\/$/, '');
  return { ...c, merchant, send: sdkSend(origin, merchant, c.platform) };
}

/** The four identifiers a single-coupon call carries. */
export const couponRef = (c: Running, s: Seeded, round: number) => ({
  product_coupon_id: s.productCouponId,
  stock_id: s.stockIds[round]!,
  appid: c.merchant.appid,
  brand_id: c.merchant.brandId,
});

export const confirmBody = (c: Running, s: Seeded, round: number, extra: Record<string, unknown> = {}) => ({
  ...couponRef(c, s, round),
  out_request_no: no('CONFIRM'),
  ...extra,
});

export const useBody = (c: Running, s: Seeded, round: number, extra: Record<string, unknown> = {}) => ({
  ...couponRef(c, s, round),
  use_time: '2025-05-20T13:29:35+08:00',
  out_request_no: no('USE'),
  associated_order_info: { transaction_id: '4200000000000000000000000001' },
  saved_amount: 1000,
  ...extra,
});

export const returnBody = (c: Running, s: Seeded, round: number, extra: Record<string, unknown> = {}) => ({
  ...couponRef(c, s, round),
  out_request_no: no('RETURN'),
  ...extra,
});

export const deactivateBody = (c: Running, s: Seeded, extra: Record<string, unknown> = {}) => ({
  product_coupon_id: s.productCouponId,
  stock_bundle_id: s.stockBundleId,
  appid: c.merchant.appid,
  out_request_no: no('DEACT'),
  deactivate_reason: '商品已下线，使用户商品券失效',
  brand_id: c.merchant.brandId,
  ...extra,
});

export interface SentBundle {
  bundleId: string;
  code0: string;
}

/** Direct send of one bundle to `openid` (send_channel API). */
export async function sendBundle(c: Running, s: Seeded, openid: string, attach?: string): Promise<SentBundle> {
  const res = await c.send('POST', paths.send(openid), presendBody(c, s, no('SEND'), attach ? { attach } : {}));
  const body = await res.json();
  if (res.status !== 200) throw new Error(`send ${res.status} ${JSON.stringify(body)}`);
  return { bundleId: body.user_coupon_bundle_id, code0: body.user_product_coupon_list[0].coupon_code };
}

/** POSTs and returns status and parsed body. */
export async function call(c: Running, path: string, body: unknown) {
  const res = await c.send('POST', path, body);
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text), text };
}

export async function get(c: Running, path: string) {
  const res = await c.send('GET', path);
  return { status: res.status, body: await res.json() };
}

/** coupond's own admin and sandbox APIs, with the admin token; `body` is null for an empty answer. */
export async function admin(c: Running, method: string, path: string, body?: unknown, token = c.adminToken) {
  const res = await fetch(`${c.baseURL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

/** Waits until `check` holds, polling every 20 ms. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Confirms and uses round `round`'s coupon; returns the use answer. */
export async function confirmAndUse(c: Running, s: Seeded, openid: string, code: string, round: number) {
  const confirmed = await call(c, paths.confirm(openid, code), confirmBody(c, s, round));
  if (confirmed.status !== 200) throw new Error(`confirm ${confirmed.status} ${confirmed.text}`);
  const used = await call(c, paths.use(openid, code), useBody(c, s, round));
  if (used.status !== 200) throw new Error(`use ${used.status} ${used.text}`);
  return used.body;
}

/** The bundle's coupons as the store holds them, in round order. */
export const bundleCoupons = (c: Running, bundleId: string) => c.store.listBundleCoupons(bundleId);

/**
 * A single-mode product coupon with `stocks` stocks as `Seeded`: `stockIds[i]` is its i-th stock and
 * `stockBundleId` the hidden group (D-70), so `couponRef(c, s, i)` names a coupon of stock i.
 */
export async function seedSingleStocks(c: Running, o: SingleOptions & { stocks?: number } = {}): Promise<Seeded> {
  const { productCouponId, stockId } = await seedSingle(c, o);
  const stockIds = [stockId];
  while (stockIds.length < (o.stocks ?? 1)) stockIds.push((await addSingleStock(c, productCouponId, o)).stock_id);
  return { productCouponId, stockBundleId: productCouponId, stockIds };
}

/** 向用户发放商品券: one single coupon of stock `index` to `openid`; its code. */
export async function sendSingle(c: Running, s: Seeded, openid: string, index = 0): Promise<string> {
  const target = { productCouponId: s.productCouponId, stockId: s.stockIds[index]! };
  const sent = await call(c, SEND_SINGLE(openid), singleBody(c, target, no('SENDS')));
  if (sent.status !== 200) throw new Error(`send single ${sent.status} ${sent.text}`);
  return sent.body.coupon_code;
}

export const deactivateCouponBody = (c: Running, s: Seeded, index: number, extra: Record<string, unknown> = {}) => ({
  ...couponRef(c, s, index),
  out_request_no: no('DEACTC'),
  deactivate_reason: '商品已下线，使用户商品券失效',
  ...extra,
});

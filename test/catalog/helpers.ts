import { type KnownPath, pathOf, type QueryParams } from '@coupond/client';
import { afterAll, beforeAll, expect } from 'vitest';
import { toRfc3339 } from '../../src/domain/clock.js';
import type { CreateProductCouponBodyT } from '../../src/schemas/product-coupons.js';
import type { StockBundleInputT } from '../../src/schemas/stock-bundles.js';
import type { AddStockInputT } from '../../src/schemas/stocks.js';
import type { CreatedProductCouponT, StockBundleT, StockPageT, StockT } from '../../src/services/catalog/types.js';
import { type Running, startCoupond } from '../harness.js';

export type { CreatedProductCouponT, StockBundleT, StockPageT, StockT };

const coupon = (product_coupon_id: string) =>
  pathOf('v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}', { product_coupon_id });
const bundle = (template: KnownPath) => (product_coupon_id: string, stock_bundle_id: string) =>
  pathOf(template, { product_coupon_id, stock_bundle_id });
const stock = (template: KnownPath) => (product_coupon_id: string, stock_id: string) =>
  pathOf(template, { product_coupon_id, stock_id });

export const paths = {
  create: pathOf('v3/marketing/partner/product-coupon/product-coupons'),
  coupon: (product_coupon_id: string, brand_id: string) =>
    pathOf(
      'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}',
      { product_coupon_id },
      { brand_id },
    ),
  modify: coupon,
  deactivate: (product_coupon_id: string) =>
    pathOf('v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/deactivate', { product_coupon_id }),
  bundles: (product_coupon_id: string) =>
    pathOf('v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stock-bundles', {
      product_coupon_id,
    }),
  bundle: bundle(
    'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stock-bundles/{stock_bundle_id}',
  ),
  budget: bundle(
    'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stock-bundles/{stock_bundle_id}/update-budget',
  ),
  stocks: (product_coupon_id: string, query: QueryParams) =>
    pathOf(
      'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks',
      { product_coupon_id },
      query,
    ),
  addStock: (product_coupon_id: string) =>
    pathOf('v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks', { product_coupon_id }),
  stock: (product_coupon_id: string, stock_id: string, brand_id: string) =>
    pathOf(
      'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}',
      { product_coupon_id, stock_id },
      { brand_id },
    ),
  singleStock: stock('v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}'),
  stockBudget: stock(
    'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}/update-budget',
  ),
  stockDeactivate: stock(
    'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}/deactivate',
  ),
  send: (openid: string) => pathOf('v3/marketing/partner/product-coupon/users/{openid}/coupon-bundles', { openid }),
  notify: pathOf('v3/marketing/partner/product-coupon/notify-configs'),
};

let counter = 0;
/** A fresh request number, unique within the test run. */
export const no = (tag = 'REQ') => `${tag}_${Date.now().toString(36)}_${++counter}`;

const DAY = 86_400_000;

export interface BundleOptions {
  maxCount?: number;
  maxCountPerDay?: number;
  maxCountPerUser?: number;
  rounds?: number[];
  beginMs?: number;
  endMs?: number;
  storeScope?: 'NONE' | 'ALL' | 'SPECIFIC';
  codeMode?: StockBundleInputT['coupon_code_mode'];
}

/** A NORMAL bundle whose rounds are `满100减 rounds[i]/100`; its period runs around the test clock's now. */
export function bundleInput(c: Running, o: BundleOptions = {}): StockBundleInputT {
  const now = c.clock.now().getTime();
  return {
    remark: '测试批次组',
    coupon_code_mode: o.codeMode ?? 'WECHATPAY',
    stock_send_rule: {
      max_count: o.maxCount ?? 1000,
      ...(o.maxCountPerDay !== undefined ? { max_count_per_day: o.maxCountPerDay } : {}),
      max_count_per_user: o.maxCountPerUser ?? 5,
    },
    progressive_bundle_usage_rule: {
      coupon_available_period: {
        available_begin_time: toRfc3339(new Date(o.beginMs ?? now - DAY)),
        available_end_time: toRfc3339(new Date(o.endMs ?? now + 30 * DAY)),
      },
      normal_coupon_list: (o.rounds ?? [1000, 1500, 2000]).map((discount_amount) => ({
        threshold: 10000,
        discount_amount,
      })),
    },
    usage_rule_display_info: {
      coupon_usage_method_list: ['MINI_PROGRAM'],
      mini_program_appid: c.merchant.appid,
      mini_program_path: '/pages/index',
      usage_description: '全场可用',
    },
    coupon_display_info: { code_display_mode: 'QRCODE', background_color: 'Color020' },
    notify_config: { notify_appid: c.merchant.appid },
    store_scope: o.storeScope ?? 'NONE',
  };
}

export function createBody(c: Running, o: BundleOptions = {}, requestNo = no('CREATE')): CreateProductCouponBodyT {
  return {
    out_request_no: requestNo,
    brand_id: c.merchant.brandId,
    scope: 'ALL',
    type: 'NORMAL',
    usage_mode: 'PROGRESSIVE_BUNDLE',
    progressive_bundle_usage_info: { count: (o.rounds ?? [1, 2, 3]).length, interval_days: 0 },
    display_info: {
      name: '全场满100立减',
      image_url: 'https://img.example.com/product.png',
      background_url: 'https://img.example.com/background.png',
    },
    out_product_no: 'Product_1234567890',
    stock_bundle: bundleInput(c, o),
  };
}

export interface SingleOptions extends Omit<BundleOptions, 'rounds' | 'codeMode'> {
  /** The stock's own 满100减 rule (scope=SINGLE); absent for a whole-store coupon. */
  discountAmount?: number;
  codeMode?: 'WECHATPAY' | 'UPLOAD' | 'API_ASSIGN';
  /** The only weekdays the coupon may be used on (`weekly_available_period.day_list`). */
  weeklyDays?: string[];
}

/** A single-mode stock whose period runs around the test clock's now. */
export function singleStockInput(c: Running, o: SingleOptions = {}): AddStockInputT {
  const { progressive_bundle_usage_rule: rules, ...settings } = bundleInput(c, { ...o, codeMode: undefined });
  return {
    ...settings,
    coupon_code_mode: o.codeMode ?? 'WECHATPAY',
    single_usage_rule: {
      coupon_available_period: {
        ...rules.coupon_available_period,
        ...(o.weeklyDays ? { weekly_available_period: { day_list: o.weeklyDays } } : {}),
      },
      ...(o.discountAmount !== undefined
        ? { normal_coupon: { threshold: 10000, discount_amount: o.discountAmount } }
        : {}),
    },
  };
}

/** A whole-store 满100减10 single-mode coupon (its discount in `single_usage_info`). */
export function singleCreateBody(
  c: Running,
  o: SingleOptions = {},
  requestNo = no('SINGLE'),
): CreateProductCouponBodyT {
  const { stock_bundle: _, progressive_bundle_usage_info: __, ...rest } = createBody(c, {}, requestNo);
  return {
    ...rest,
    usage_mode: 'SINGLE',
    single_usage_info: { normal_coupon: { threshold: 10000, discount_amount: 1000 } },
    stock: { ...singleStockInput(c, o), single_usage_rule: singleStockInput(c, o).single_usage_rule! },
  };
}

export async function createSingleCoupon(c: Running, o: SingleOptions = {}): Promise<CreatedProductCouponT> {
  return json<CreatedProductCouponT>(await c.send('POST', paths.create, singleCreateBody(c, o)));
}

/** 添加商品券批次: one more stock of a single-mode product coupon. */
export async function addSingleStock(c: Running, productCouponId: string, o: SingleOptions = {}): Promise<StockT> {
  const body = { out_request_no: no('ADDS'), brand_id: c.merchant.brandId, stock: singleStockInput(c, o) };
  return json<StockT>(await c.send('POST', paths.addStock(productCouponId), body));
}

/** 失效商品券批次, answered as it comes. */
export function deactivateStock(
  c: Running,
  productCouponId: string,
  stockId: string,
  extra: Record<string, unknown> = {},
): Promise<Response> {
  return c.send('POST', paths.stockDeactivate(productCouponId, stockId), {
    out_request_no: no('DEACS'),
    brand_id: c.merchant.brandId,
    deactivate_reason: '批次信息有误，重新创建',
    ...extra,
  });
}

export async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect({ status: res.status, body: text }).toMatchObject({ status });
  return JSON.parse(text) as T;
}

export interface ErrorBody {
  code: string;
  message: string;
  detail?: { field?: string; location?: string | null; value?: unknown };
}

/** A WeChat error answer, signed like every authenticated response. */
export async function expectError(
  res: Response,
  status: number,
  code: string,
  message?: RegExp | string,
): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  if (message !== undefined) expect(body.message).toMatch(message);
  return body;
}

/** A PARAM_ERROR naming `field` in its detail and its message. */
export async function expectParamError(res: Response, field: string, location = 'body'): Promise<ErrorBody> {
  const body = await expectError(res, 400, 'PARAM_ERROR');
  expect(body.detail).toMatchObject({ field, location });
  const name = field.split('/').findLast((p) => p !== '' && !/^\d+$/.test(p)) ?? field;
  expect(body.message).toContain(name);
  return body;
}

export async function setNotifyUrl(c: Running, url = 'https://merchant.example.com/notify'): Promise<void> {
  await json(await c.send('POST', paths.notify, { notify_url: url }));
}

export async function createCoupon(c: Running, o: BundleOptions = {}): Promise<CreatedProductCouponT> {
  return json<CreatedProductCouponT>(await c.send('POST', paths.create, createBody(c, o)));
}

/** Issues one bundle to `openid` through the direct-send API (向用户发放商品券批次组). */
export async function sendBundle(c: Running, created: CreatedProductCouponT, openid: string, status = 200) {
  return c
    .send('POST', paths.send(openid), {
      brand_id: c.merchant.brandId,
      product_coupon_id: created.product_coupon_id,
      stock_bundle_id: created.stock_bundle!.stock_bundle_id,
      appid: c.merchant.appid,
      send_request_no: no('SEND'),
    })
    .then(async (res) => {
      expect(res.status, await res.clone().text()).toBe(status);
      return res;
    });
}

export async function getStock(c: Running, created: CreatedProductCouponT, index: number): Promise<StockT> {
  const stock = created.stock_bundle!.stock_list[index]!;
  return json<StockT>(await c.send('GET', paths.stock(created.product_coupon_id, stock.stock_id, c.merchant.brandId)));
}

/** A single-mode coupon to issue from, through the API (the notify URL must be set). */
export async function seedSingle(c: Running, o: SingleOptions = {}) {
  const created = await createSingleCoupon(c, o);
  return { productCouponId: created.product_coupon_id, stockId: created.stock!.stock_id };
}

/**
 * The single-mode suites' server, started around a test file: a coupond with a notify URL and one bundle-mode
 * product coupon, the target of their wrong-mode cases.
 */
export function singleModeSuite() {
  const live = {} as { c: Running; bundle: CreatedProductCouponT };
  beforeAll(async () => {
    live.c = await startCoupond();
    await setNotifyUrl(live.c);
    live.bundle = await createCoupon(live.c);
  });
  afterAll(() => live.c.close());
  return live;
}

export const stockIdOf = (x: CreatedProductCouponT) => x.stock!.stock_id;

import { randomBytes } from 'node:crypto';
import type {
  ProductCouponRecord,
  RequestRecord,
  StockBundleRecord,
  StockData,
  StockRecord,
  StockState,
} from '../../../src/store/catalog.js';
import type { IssueCommand, SendChannel, TokenRecord } from '../../../src/store/issuance.js';
import type { Store } from '../../../src/store/port.js';

/** Records the contract suite stores: complete, valid, and unique within a process. */
export interface StoreContext {
  readonly store: Store;
}

export const MCHID = '1900000001';
export const BRAND = '120344';
const APPID = 'wx0000000000000001';
export const DAY = '2026-03-01';
export const NEXT_DAY = '2026-03-02';
export const AT = '2026-03-01T10:00:00+08:00';
export const LATER = '2026-03-01T11:00:00+08:00';

const run = randomBytes(3).toString('hex');
let counter = 0;
export const uid = (prefix: string) => `${prefix}${run}${(++counter).toString().padStart(6, '0')}`;

export function request(api: string, requestNo = uid('req'), fingerprint = 'fp-1'): RequestRecord {
  return {
    mchid: MCHID,
    brandId: BRAND,
    api,
    requestNo,
    fingerprint,
    status: 200,
    response: JSON.stringify({ api, requestNo, fingerprint }),
    createdAt: AT,
  };
}

export interface BundleOptions {
  rounds?: number;
  maxCount?: number;
  maxCountPerUser?: number;
  maxCountPerDay?: number | null;
  state?: StockState;
  createdAt?: string;
  codeMode?: StockData['coupon_code_mode'];
}

export interface CatalogFixture {
  coupon: ProductCouponRecord;
  bundle: StockBundleRecord;
  stocks: StockRecord[];
}

export function productCoupon(options: BundleOptions & { auditing?: boolean } = {}): CatalogFixture {
  const productCouponId = uid('pc');
  const coupon: ProductCouponRecord = {
    productCouponId,
    mchid: MCHID,
    brandId: BRAND,
    state: options.auditing ? 'AUDITING' : 'EFFECTIVE',
    data: {
      product_coupon_id: productCouponId,
      scope: 'ALL',
      type: 'NORMAL',
      usage_mode: 'PROGRESSIVE_BUNDLE',
      progressive_bundle_usage_info: { count: options.rounds ?? 3, interval_days: 0 },
      display_info: {
        name: '三次咖啡券',
        image_url: 'https://example.com/i.png',
        background_url: 'https://example.com/b.png',
      },
      out_product_no: 'sku-1',
    },
    deactivation: null,
    createdAt: options.createdAt ?? AT,
    updatedAt: options.createdAt ?? AT,
  };
  const state = options.state ?? (options.auditing ? 'AUDITING' : 'SENDING');
  return { coupon, ...stockBundle(productCouponId, { ...options, state }) };
}

export function stockBundle(
  productCouponId: string,
  options: BundleOptions = {},
): { bundle: StockBundleRecord; stocks: StockRecord[] } {
  const createdAt = options.createdAt ?? AT;
  const bundle: StockBundleRecord = {
    stockBundleId: uid('sb'),
    productCouponId,
    mchid: MCHID,
    brandId: BRAND,
    createdAt,
    kind: 'BUNDLE',
  };
  const stocks = Array.from({ length: options.rounds ?? 3 }, (_, index): StockRecord => {
    const stockId = uid('st');
    const data: StockData = {
      product_coupon_id: productCouponId,
      stock_id: stockId,
      remark: `round ${index}`,
      coupon_code_mode: options.codeMode ?? 'WECHATPAY',
      progressive_bundle_usage_rule: {
        coupon_available_period: {
          available_begin_time: '2026-01-01T00:00:00+08:00',
          available_end_time: '2026-12-31T23:59:59+08:00',
        },
        normal_coupon: { threshold: 1000, discount_amount: 100 * (index + 1) },
      },
      stock_bundle_info: { stock_bundle_id: bundle.stockBundleId, stock_bundle_index: index },
      usage_rule_display_info: { coupon_usage_method_list: ['OFFLINE'], usage_description: '到店使用' },
      coupon_display_info: { code_display_mode: 'QRCODE' },
      notify_config: { notify_appid: APPID },
      store_scope: 'NONE',
    };
    return {
      stockId,
      stockBundleId: bundle.stockBundleId,
      productCouponId,
      mchid: MCHID,
      brandId: BRAND,
      index,
      state: options.state ?? 'SENDING',
      data,
      maxCount: options.maxCount ?? 100,
      maxCountPerUser: options.maxCountPerUser ?? 1,
      maxCountPerDay: index === 0 ? (options.maxCountPerDay ?? null) : null,
      totalCount: 0,
      todayCount: 0,
      deactivation: null,
      createdAt,
      updatedAt: createdAt,
    };
  });
  return { bundle, stocks };
}

export async function createCatalog(store: Store, options: BundleOptions & { auditing?: boolean } = {}) {
  const fixture = productCoupon(options);
  const result = await store.createProductCoupon(
    request('create-product-coupon'),
    fixture.coupon,
    fixture.bundle,
    fixture.stocks,
  );
  if (!result.ran) throw new Error('fixture request number already bound');
  return fixture;
}

export interface IssueOptions {
  openid?: string;
  userKey?: string;
  sendRequestNo?: string;
  day?: string;
  tokenHash?: string;
  channel?: SendChannel;
  fingerprint?: string;
  at?: string;
}

/** Issues bundle `stocks[0].stockBundleId` to a user, counted against stock #0. */
export function issueCommand(stocks: StockRecord[], options: IssueOptions = {}): IssueCommand {
  const s0 = stocks[0]!;
  const openid = options.openid ?? uid('o');
  const userKey = options.userKey ?? openid;
  const sendRequestNo = options.sendRequestNo ?? uid('send');
  const channel = options.channel ?? 'API';
  const at = options.at ?? AT;
  const userCouponBundleId = uid('ucb');
  const couponCode = uid('code');
  const base = {
    mchid: MCHID,
    brandId: BRAND,
    productCouponId: s0.productCouponId,
    stockBundleId: s0.stockBundleId,
    openid,
    appid: APPID,
    userKey,
    sendRequestNo,
    channel,
    attach: 'attach-1',
  };
  return {
    issuance: { ...base, fingerprint: options.fingerprint ?? `fp-${openid}`, userCouponBundleId, createdAt: at },
    limits: {
      stockId: s0.stockId,
      day: options.day ?? DAY,
    },
    bundle: {
      ...base,
      userCouponBundleId,
      totalCount: stocks.length,
      usedCount: 0,
      state: 'ACTIVE',
      createdAt: at,
      updatedAt: at,
    },
    coupon: {
      ...base,
      couponCode,
      userCouponBundleId,
      index: 0,
      stockId: s0.stockId,
      state: 'CONFIRMING',
      validBeginTime: '2026-01-01T00:00:00+08:00',
      validEndTime: '2026-12-31T23:59:59+08:00',
      receiveTime: at,
      couponTagInfo: { coupon_tag_list: ['NEW'] },
      detail: { confirm_request_no: null },
      createdAt: at,
      updatedAt: at,
    },
    event: {
      eventId: uid('ev'),
      mchid: MCHID,
      eventType: 'PRODUCT_COUPON_SP.SEND',
      summary: '商品券发放',
      resource: { coupon_code: couponCode, user_coupon_bundle_id: userCouponBundleId },
      createTime: at,
      nextAttemptAt: at,
    },
    ...(options.tokenHash !== undefined ? { tokenHash: options.tokenHash } : {}),
  };
}

export function tokenFor(command: IssueCommand, tokenHash = uid('th')): TokenRecord {
  const i = command.issuance;
  return {
    tokenHash,
    mchid: i.mchid,
    brandId: i.brandId,
    productCouponId: i.productCouponId,
    stockBundleId: i.stockBundleId,
    appid: i.appid,
    openid: i.openid,
    userKey: i.userKey,
    sendRequestNo: i.sendRequestNo,
    attach: i.attach,
    fingerprint: i.fingerprint,
    createdAt: AT,
    expiresAt: '2026-03-01T10:05:00+08:00',
    claimedAt: null,
    stockId: null,
    couponCode: null,
  };
}

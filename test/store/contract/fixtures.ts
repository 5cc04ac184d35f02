import type { StockRecord } from '../../../src/store/catalog.js';
import type { IssueCommand, SendChannel, TokenRecord } from '../../../src/store/issuance.js';
import type { Store } from '../../../src/store/port.js';
import { APPID, AT, BRAND, MCHID, uid } from '../../fixtures/catalog.js';

/** Issuance records the contract suite stores (the catalog comes from test/fixtures/catalog.ts). */
export interface StoreContext {
  readonly store: Store;
}

export const DAY = '2026-03-01';
export const NEXT_DAY = '2026-03-02';
export const LATER = '2026-03-01T11:00:00+08:00';

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

/** A token of its own: every field derived from its hash unless `overrides` says otherwise. */
export const tokenRecord = (tokenHash: string, overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  tokenHash,
  mchid: '1900000001',
  brandId: '120344',
  productCouponId: 'pc-1',
  stockBundleId: 'sb-1',
  appid: 'wx0000000000000001',
  openid: `o-${tokenHash}`,
  userKey: `u-${tokenHash}`,
  sendRequestNo: `req-${tokenHash}`,
  attach: null,
  fingerprint: 'fp',
  createdAt: '2026-03-01T10:00:00+08:00',
  expiresAt: '2026-03-01T10:05:00+08:00',
  claimedAt: null,
  stockId: null,
  couponCode: null,
  ...overrides,
});

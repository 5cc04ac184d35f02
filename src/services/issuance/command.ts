import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import { couponValidity } from '../../domain/validity.js';
import { PRODUCT_COUPON_SEND_EVENT, PRODUCT_COUPON_SEND_SUMMARY } from '../../schemas/callbacks.js';
import type { StockRecord } from '../../store/catalog.js';
import type { IssueCommand, SendChannel, UserCouponRecord } from '../../store/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { availablePeriodOf, isSingle, type Target, usesCodePool } from './target.js';

export interface IssueRequest {
  mchid: string;
  brandId: string;
  appid: string;
  openid: string;
  sendRequestNo: string;
  attach: string | null;
  channel: SendChannel;
  fingerprint: string;
  couponTagInfo?: unknown;
  tokenHash?: string;
  /** The caller's code for an `API_ASSIGN` stock (D-101); otherwise coupond generates one or takes one from the pool. */
  couponCode?: string | null;
}

/**
 * Everything one issuance writes (D-11, D-12; docs/architecture.md, The issuance transaction): issuance record, user
 * bundle, coupon #0, SEND event. A single coupon is coupon #0 of a one-coupon user bundle that no answer shows (D-100).
 */
export function buildIssueCommand(deps: ServiceDeps, t: Target, r: IssueRequest, now: Date): IssueCommand {
  const at = toRfc3339(now);
  const userCouponBundleId = deps.ids.numeric('7', 21);
  const base = {
    userCouponBundleId,
    mchid: r.mchid,
    brandId: r.brandId,
    productCouponId: t.coupon.productCouponId,
    stockBundleId: t.stock0.stockBundleId,
    openid: r.openid,
    appid: r.appid,
    userKey: t.userKey,
    sendRequestNo: r.sendRequestNo,
    channel: r.channel,
    attach: r.attach,
    createdAt: at,
  };
  const generated = newRoundCoupon(deps, t.stock0, { ...base, couponTagInfo: r.couponTagInfo ?? null }, now, now);
  const coupon = r.couponCode ? { ...generated, couponCode: r.couponCode } : generated;
  return {
    issuance: { ...base, fingerprint: r.fingerprint },
    limits: {
      stockId: t.stock0.stockId,
      day: shanghaiDay(now),
    },
    bundle: { ...base, totalCount: t.stocks.length, usedCount: 0, state: 'ACTIVE', updatedAt: at },
    coupon,
    event: sendEvent(deps, coupon, t.unionid, now, isSingle(t)),
    ...(r.tokenHash ? { tokenHash: r.tokenHash } : {}),
    ...(usesCodePool(t.stock0) ? { fromPool: true as const } : {}),
  };
}

type CouponBase = Pick<
  UserCouponRecord,
  | 'userCouponBundleId'
  | 'mchid'
  | 'brandId'
  | 'productCouponId'
  | 'stockBundleId'
  | 'openid'
  | 'appid'
  | 'userKey'
  | 'sendRequestNo'
  | 'channel'
  | 'attach'
  | 'couponTagInfo'
>;

/** A new coupon of round `stock.index`, CONFIRMING until the provider confirms it (D-15). */
export function newRoundCoupon(
  deps: ServiceDeps,
  stock: StockRecord,
  base: CouponBase,
  availableFrom: Date,
  now: Date,
): UserCouponRecord {
  const period = availablePeriodOf(stock);
  const validity = period ? couponValidity(period, availableFrom) : { begin: availableFrom, end: availableFrom };
  const at = toRfc3339(now);
  return {
    ...base,
    couponCode: deps.ids.numeric('', 22),
    index: stock.index,
    stockId: stock.stockId,
    state: 'CONFIRMING',
    validBeginTime: toRfc3339(validity.begin),
    validEndTime: toRfc3339(validity.end),
    receiveTime: at,
    detail: {},
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The PRODUCT_COUPON_SP.SEND event of one issued coupon (商品券回调通知), due at once. A single coupon's names no stock
 * bundle and no user coupon bundle (D-100).
 */
export function sendEvent(deps: ServiceDeps, c: UserCouponRecord, unionid: string, now: Date, single = false) {
  return {
    eventId: deps.ids.uuid(),
    mchid: c.mchid,
    eventType: PRODUCT_COUPON_SEND_EVENT,
    summary: PRODUCT_COUPON_SEND_SUMMARY,
    resource: {
      coupon_code: c.couponCode,
      brand_id: c.brandId,
      product_coupon_id: c.productCouponId,
      stock_id: c.stockId,
      ...(single ? {} : { stock_bundle_id: c.stockBundleId, user_coupon_bundle_id: c.userCouponBundleId }),
      appid: c.appid,
      openid: c.openid,
      unionid,
      receive_time: c.receiveTime,
      send_request_no: c.sendRequestNo,
      send_channel: c.channel,
      valid_begin_time: c.validBeginTime,
      valid_end_time: c.validEndTime,
      ...(c.attach !== null ? { attach: c.attach } : {}),
    },
    createTime: toRfc3339(now),
    nextAttemptAt: now.toISOString(),
  };
}

import type { StockState, UserCouponState } from '../domain/states.js';
import type { InsertFor, RecordFor } from './typed/records.js';

/** Records and port methods of issuance: tokens, issuance records, user coupon bundles, user coupons, outbox. */
export type { UserCouponState } from '../domain/states.js';
export type { SendChannel } from './typed/tables.js';

/** One bundle issuance, keyed by `(mchid, brand_id, send_request_no)` (D-5, D-6, D-12). */
type IssuanceRecord = RecordFor<'issuances'>;

/** D-8: only a hash of the token is stored, with everything it is bound to. */
export type TokenRecord = RecordFor<'tokens'>;
export type UserCouponBundleRecord = RecordFor<'user_coupon_bundles'>;
export type UserCouponRecord = RecordFor<'user_coupons'>;
/** An event as written to the outbox; its delivery progress is the store's. */
export type OutboxEvent = InsertFor<'outbox'>;

/**
 * The stock whose counters a bundle issuance takes (stock #0, D-11) and the Shanghai day it counts on. The store
 * reads the stock's caps as they are at commit time, checking state first, then per user, total and day (D-4). The
 * day counter of `day` is incremented on every issuance (so `today_count` is exact). A `tokenHash` that matches no
 * unclaimed token makes the call reject, issuing nothing.
 */
interface IssueLimits {
  stockId: string;
  day: string;
}

export interface IssueCommand {
  issuance: IssuanceRecord;
  limits: IssueLimits;
  bundle: UserCouponBundleRecord;
  coupon: UserCouponRecord;
  event: OutboxEvent;
  /** Marks this token claimed in the same transaction (receiving component). */
  tokenHash?: string;
  /**
   * UPLOAD mode (D-86): coupon #0 takes its code from stock #0's pool after the counters, replacing `coupon.couponCode`
   * (and the event's); an empty pool refuses with `NO_CODES`.
   */
  fromPool?: true;
}

export type IssueOutcome =
  /** `couponCode` is the code taken from the pool, when the command asked for one. */
  | { kind: 'ISSUED'; couponCode?: string }
  | { kind: 'EXISTING'; issuance: IssuanceRecord }
  | { kind: 'SOLD_OUT' | 'DAILY_SOLD_OUT' | 'USER_LIMIT_REACHED' | 'NO_CODES' }
  /** The coupon's code names another user coupon already (a caller-assigned code, D-101); nothing is written. */
  | { kind: 'CODE_TAKEN' }
  | { kind: 'NOT_AVAILABLE'; state: StockState | null };

export interface UserCouponQuery {
  brandId: string;
  openid: string;
  mchid: string;
  /** Coupons in this state at `now`, time-driven moves included (D-109). */
  state?: UserCouponState;
  now: Date;
  productCouponId?: string;
  stockId?: string;
  userCouponBundleId?: string;
  offset: number;
  limit: number;
}

export interface IssuanceStore {
  insertToken(token: TokenRecord): Promise<void>;
  getToken(tokenHash: string): Promise<TokenRecord | null>;
  getIssuance(mchid: string, brandId: string, sendRequestNo: string): Promise<IssuanceRecord | null>;
  /** How many times this user received stock #k of bundles (per-user counter). */
  getUserCount(stockId: string, userKey: string): Promise<number>;
  /**
   * What pre-send and send look up before they go on (D-7): the issuance the request number is bound to, and the
   * user's count for the stock, in one lookup (one round trip on PostgreSQL, D-58).
   */
  getIssuanceAndUserCount(
    mchid: string,
    brandId: string,
    sendRequestNo: string,
    stockId: string,
    userKey: string,
  ): Promise<{ issuance: IssuanceRecord | null; userCount: number }>;
  /** D-11/D-12: the issuance transaction (docs/architecture.md). */
  issueBundle(command: IssueCommand): Promise<IssueOutcome>;

  getUserCouponBundle(userCouponBundleId: string): Promise<UserCouponBundleRecord | null>;
  getUserCoupon(couponCode: string): Promise<UserCouponRecord | null>;
  listBundleCoupons(userCouponBundleId: string): Promise<UserCouponRecord[]>;
  listUserCoupons(query: UserCouponQuery): Promise<{ coupons: UserCouponRecord[]; total: number }>;
}

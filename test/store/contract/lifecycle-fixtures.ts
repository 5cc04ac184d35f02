import { expect } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import type { IssueCommand, OutboxEvent, UserCouponRecord, UserCouponState } from '../../../src/store/issuance.js';
import type {
  CouponTransition,
  DeliveryAttempt,
  DeliveryOutcome,
  DeliveryRecord,
  NextRound,
} from '../../../src/store/lifecycle.js';
import type { Store } from '../../../src/store/port.js';
import { type BundleOptions, type CatalogFixture, createCatalog, request, uid } from '../../fixtures/catalog.js';
import { DAY, type IssueOptions, issueCommand, LATER } from './fixtures.js';

/** Lifecycle records as the services build them: coupons moved between states, next rounds, due events. */

/** Outcomes of a lifecycle call that ran. */
export const APPLIED = { ran: true, value: { kind: 'APPLIED' } };
export const STALE = { ran: true, value: { kind: 'STALE' } };

/** An outbox event as stored before any delivery attempt. */
export const pending = (e: OutboxEvent): DeliveryRecord => ({
  ...e,
  state: 'PENDING',
  attempts: 0,
  lockedUntil: null,
  lastStatus: null,
  lastError: null,
  deliveredAt: null,
});

/** One whole attempt as the dispatcher stores it: begun under the lease `lockedUntil`, then finished. */
export async function recordAttempt(
  store: Store,
  attempt: DeliveryAttempt,
  outcome: DeliveryOutcome,
  lockedUntil: string,
): Promise<void> {
  const unanswered = { ...attempt, durationMs: 0, status: null, error: 'unanswered', response: null };
  expect(await store.beginDeliveryAttempt(unanswered, outcome, lockedUntil)).toBe(true);
  await store.finishDeliveryAttempt(attempt, outcome);
}

export const CONFIRM = 'confirm-user-coupon';
export const USE = 'use-user-coupon';
export const RETURN = 'return-user-coupon';
export const DEACTIVATE = 'deactivate-user-coupon-bundle';

/** Outbox times are ISO 8601 UTC (business clock for due times, real clock for leases). */
const T0 = '2026-03-01T02:00:00.000Z';
export const iso = (secondsAfterT0: number) => new Date(Date.parse(T0) + secondsAfterT0 * 1000).toISOString();

export interface Issued {
  catalog: CatalogFixture;
  stocks: StockRecord[];
  command: IssueCommand;
  coupon: UserCouponRecord;
  bundleId: string;
}

export type IssueOverrides = IssueOptions & {
  coupon?: Partial<Pick<UserCouponRecord, 'validBeginTime' | 'validEndTime'>>;
  event?: Partial<OutboxEvent>;
};

/** Issues one bundle of `catalog` (or of a new product coupon) and returns it with its coupon #0. */
export async function issue(
  store: Store,
  catalog: CatalogFixture | BundleOptions = {},
  overrides: IssueOverrides = {},
): Promise<Issued> {
  const f = 'coupon' in catalog ? catalog : await createCatalog(store, catalog);
  const base = issueCommand(f.stocks, overrides);
  const command = {
    ...base,
    coupon: { ...base.coupon, ...overrides.coupon },
    event: { ...base.event, ...overrides.event },
  };
  expect(await store.issueBundle(command)).toEqual({ kind: 'ISSUED' });
  return {
    catalog: f,
    stocks: f.stocks,
    command,
    coupon: command.coupon,
    bundleId: command.bundle.userCouponBundleId,
  };
}

export function transition(
  coupon: UserCouponRecord,
  to: UserCouponState,
  detail: Record<string, unknown> = { ...coupon.detail, [`${to.toLowerCase()}_by`]: uid('r') },
  updatedAt = LATER,
): CouponTransition {
  return { couponCode: coupon.couponCode, from: coupon.state, to, detail, updatedAt };
}

/** The coupon as stored after `t`. */
export const moved = (coupon: UserCouponRecord, t: CouponTransition): UserCouponRecord => ({
  ...coupon,
  state: t.to,
  detail: t.detail,
  updatedAt: t.updatedAt,
});

/** Moves the coupon along `to` (CONFIRMING → EFFECTIVE, then USED …) and returns it as stored. */
export async function confirm(store: Store, coupon: UserCouponRecord, to: UserCouponState = 'EFFECTIVE') {
  const t = transition(coupon, to);
  expect(await store.confirmUserCoupon(request(CONFIRM), t)).toEqual({ ran: true, value: { kind: 'APPLIED' } });
  return moved(coupon, t);
}

/** Coupon #k+1 of the bundle that using `used` (#k) issues, with stock #k+1's caps unless overridden. */
export function nextRound(
  issued: Issued,
  used: UserCouponRecord,
  caps: Partial<Pick<NextRound, 'maxCountPerUser' | 'maxCountPerDay' | 'day'>> = {},
): NextRound {
  const stock = issued.stocks[used.index + 1]!;
  const couponCode = uid('code');
  const coupon: UserCouponRecord = {
    ...used,
    couponCode,
    index: stock.index,
    stockId: stock.stockId,
    state: 'CONFIRMING',
    receiveTime: LATER,
    detail: { confirm_request_no: null },
    createdAt: LATER,
    updatedAt: LATER,
  };
  return {
    coupon,
    event: {
      eventId: uid('ev'),
      mchid: used.mchid,
      eventType: 'PRODUCT_COUPON_SP.SEND',
      summary: '商品券发放',
      resource: { coupon_code: couponCode, user_coupon_bundle_id: used.userCouponBundleId },
      createTime: LATER,
      nextAttemptAt: T0,
    },
    maxCountPerUser: caps.maxCountPerUser ?? stock.maxCountPerUser,
    maxCountPerDay: caps.maxCountPerDay !== undefined ? caps.maxCountPerDay : stock.maxCountPerDay,
    day: caps.day ?? DAY,
  };
}

/** Stock counters and the user's count of one stock, for "nothing was written" checks. */
export async function counters(store: Store, stockId: string, userKey: string, day = DAY) {
  const stock = await store.getStock(stockId, day);
  return { total: stock?.totalCount, today: stock?.todayCount, user: await store.getUserCount(stockId, userKey) };
}

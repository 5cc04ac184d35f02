import type { Deactivation, Guarded, RequestRecord } from './catalog.js';
import type { OutboxEvent, UserCouponRecord, UserCouponState } from './issuance.js';
import type { RecordFor } from './typed/records.js';

/**
 * Records and port methods of the coupon lifecycle (confirm, use, return, deactivate, expiry) and of callback
 * delivery (outbox claims, attempts, redelivery).
 */

/**
 * One coupon moving from the stored state the service read (`from`, compare-and-set) to `to`, with its whole new
 * `detail`. When the coupon is no longer in `from`, nothing is written and the outcome is `STALE`.
 */
export interface CouponTransition {
  couponCode: string;
  from: UserCouponState;
  to: UserCouponState;
  detail: Record<string, unknown>;
  updatedAt: string;
}

/** Coupon #k+1, issued in the transaction that uses coupon #k (D-11, D-14), with its SEND event. */
export interface NextRound {
  coupon: UserCouponRecord;
  event: OutboxEvent;
  /** Stock #k+1's caps; its day counter always counts, uncapped when `maxCountPerDay` is null. */
  maxCountPerUser: number;
  maxCountPerDay: number | null;
  /** Shanghai day (`YYYY-MM-DD`) of the issuance. */
  day: string;
  /**
   * UPLOAD mode (D-87): the coupon takes its code from stock #k+1's pool first; when that pool is empty no round
   * follows (nothing of it is written) and the use still succeeds.
   */
  fromPool?: true;
}

export interface UseCommand {
  /** EFFECTIVE or PENDING → USED. */
  transition: CouponTransition;
  userCouponBundleId: string;
  next: NextRound | null;
}

interface ReturnCommand {
  /** USED → EFFECTIVE. */
  transition: CouponTransition;
  userCouponBundleId: string;
}

export interface DeactivateBundleCommand {
  userCouponBundleId: string;
  /** Every coupon of the bundle as read: the transaction is `STALE` unless the bundle still has exactly these. */
  expected: { couponCode: string; state: UserCouponState }[];
  /** The coupons to deactivate (a subset of `expected`), each with its new detail. */
  transitions: CouponTransition[];
  deactivation: Deactivation;
}

export type LifecycleOutcome =
  | { kind: 'APPLIED' }
  /** The records changed since they were read; nothing was written (not even the request record). */
  | { kind: 'STALE' }
  /** A counter of stock #k+1 refused the next round (D-11 says it cannot happen); nothing was written. */
  | { kind: 'REFUSED'; counter: 'total' | 'day' | 'user' };

/** An outbox event with its delivery progress. */
export type DeliveryRecord = RecordFor<'outbox'>;
export type DeliveryState = DeliveryRecord['state'];

/** One POST to a notify URL (or a failure to make it). */
export type DeliveryAttempt = RecordFor<'webhook_attempts'>;

/** Where an attempt leaves the event; times are ISO 8601, business clock. */
export type DeliveryOutcome = Pick<DeliveryRecord, 'state' | 'nextAttemptAt' | 'deliveredAt'>;

export type DeliveryQuery = Partial<Pick<DeliveryRecord, 'state' | 'mchid'>> & { offset: number; limit: number };

export interface CouponLifecycleStore {
  /** 确认发放: the request record and the transition in one transaction (D-5). */
  confirmUserCoupon(request: RequestRecord, transition: CouponTransition): Promise<Guarded<LifecycleOutcome>>;
  /**
   * 核销: the transition, `used_count + 1`, and, when `next` is given, coupon #k+1 with stock #k+1's total, day and
   * per-user counters and its SEND event, all in one transaction.
   */
  useUserCoupon(request: RequestRecord, command: UseCommand): Promise<Guarded<LifecycleOutcome>>;
  /** 退券: the transition and `used_count - 1`. */
  returnUserCoupon(request: RequestRecord, command: ReturnCommand): Promise<Guarded<LifecycleOutcome>>;
  /** 失效用户商品券组: the bundle `DEACTIVATED` (no further rounds) and the given coupons `DEACTIVATED`. */
  deactivateUserCouponBundle(
    request: RequestRecord,
    command: DeactivateBundleCommand,
  ): Promise<Guarded<LifecycleOutcome>>;
  /**
   * Persists the time-driven moves `stateAt` applies on read, for at most `limit` coupons each: PENDING or EFFECTIVE
   * with `valid_end_time` before `now` → EXPIRED, then PENDING with `valid_begin_time` at or before `now` →
   * EFFECTIVE.
   */
  advanceCouponStates(now: Date, limit: number): Promise<{ expired: number; activated: number }>;
  /** Sandbox reset (D-20): deletes every catalog, issuance, lifecycle and outbox record; tenants and keys stay. */
  wipeBusinessData(): Promise<void>;
}

/** The callback delivery part of the lifecycle port. */
export interface OutboxStore {
  /**
   * Leases up to `limit` PENDING events with `next_attempt_at <= dueBy` whose lease is free or expired
   * (`locked_until <= leaseNow`), setting `locked_until = leaseUntil`. `dueBy` is business time, the lease times
   * are real time. Merchants take turns (D-36): each merchant's earliest due event first, then each one's second,
   * and so on; with `perMerchant`, a merchant with that many events under an unexpired lease (by any instance) gets
   * none, and one with fewer gets only up to that many in all.
   */
  claimDueEvents(
    dueBy: string,
    leaseNow: string,
    leaseUntil: string,
    limit: number,
    perMerchant?: number,
  ): Promise<DeliveryRecord[]>;
  /**
   * Makes attempt `attempt.attempt` durable before anything is sent (D-37). Only if the event is PENDING, still
   * leased until `lockedUntil` and has made `attempt.attempt - 1` attempts: appends the attempt as given (its answer
   * not known yet), sets `attempts`, `last_status` null, `last_error` and `ifUnanswered`'s state and times, and keeps
   * the lease. Returns false, writing nothing, when the event is no longer this lease's to send.
   */
  beginDeliveryAttempt(attempt: DeliveryAttempt, ifUnanswered: DeliveryOutcome, lockedUntil: string): Promise<boolean>;
  /**
   * Completes a begun attempt: its duration, status, error and response; and, if the event has made no attempt since,
   * `last_status`, `last_error`, the outcome's state and times, lease freed.
   */
  finishDeliveryAttempt(attempt: DeliveryAttempt, outcome: DeliveryOutcome): Promise<void>;
  /** Newest first (insertion order). */
  listDeliveries(query: DeliveryQuery): Promise<{ deliveries: DeliveryRecord[]; total: number }>;
  getDelivery(eventId: string): Promise<DeliveryRecord | null>;
  /** Every attempt of these events, oldest first. */
  listDeliveryAttempts(eventIds: string[]): Promise<DeliveryAttempt[]>;
  /** Makes the event PENDING and due at `dueAt`, lease freed, attempts kept; null when there is no such event. */
  redeliver(eventId: string, dueAt: string): Promise<DeliveryRecord | null>;
}

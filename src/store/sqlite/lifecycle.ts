import type { CouponLifecycleStore, LifecycleOutcome, NextRound } from '../lifecycle.js';
import { NEXT_ROUND_COUNTERS } from '../rules/counters.js';
import { withCode } from '../rules/pool-code.js';
import { couponTimeBounds } from '../typed/issuance.js';
import { typedLifecycle } from '../typed/lifecycle.js';
import type { RequestRecords } from '../typed/requests.js';
import { insertRecord, prepare, raw } from '../typed/statement.js';
import { RollbackWith } from '../typed/work.js';
import { sqliteCodePool } from './code-pool.js';
import { sqliteCounters } from './counters.js';
import type { SqliteDb } from './database.js';
import type { SqliteEngine } from './engine.js';

const STALE = new RollbackWith({ ran: true, value: { kind: 'STALE' } });

// The sweep's moves, at most `limit` coupons each; SQLite's single writer needs no row locks.
const EXPIRE = raw<[string, string, number]>(`
UPDATE user_coupons SET state = 'EXPIRED', updated_at = ? WHERE coupon_code IN (
  SELECT coupon_code FROM user_coupons WHERE state IN ('PENDING','EFFECTIVE') AND valid_end_time < ? LIMIT ?)`);
const ACTIVATE = raw<[string, string, number]>(`
UPDATE user_coupons SET state = 'EFFECTIVE', updated_at = ? WHERE coupon_code IN (
  SELECT coupon_code FROM user_coupons WHERE state = 'PENDING' AND valid_begin_time <= ? LIMIT ?)`);

/**
 * The coupon lifecycle on SQLite. Use is per dialect because it is a contended transaction: the transition, the
 * bundle's count and the next round's counters, coupon and SEND event take one savepoint of a group commit.
 */
export function sqliteLifecycle(db: SqliteDb, e: SqliteEngine, requests: RequestRecords): CouponLifecycleStore {
  const { k } = e;
  const shared = typedLifecycle(e, requests);
  const q = {
    active: e.prepared(
      prepare((a: { id: string }) =>
        k.selectFrom('user_coupon_bundles').select('state').where('user_coupon_bundle_id', '=', a.id),
      ),
    ),
    coupon: e.prepared(insertRecord(k, 'user_coupons', (i) => i.onConflict((oc) => oc.doNothing()))),
    event: e.prepared(insertRecord(k, 'outbox')),
    expire: e.prepared(EXPIRE),
    activate: e.prepared(ACTIVATE),
  };
  const takeCounters = sqliteCounters(e, false);
  const takeCode = sqliteCodePool(db);

  /** Coupon #k+1 (D-11); an UPLOAD-mode round whose pool is empty is left out (D-87). */
  const issueNext = (round: NextRound) => {
    if (q.active.get({ id: round.coupon.userCouponBundleId })?.state !== 'ACTIVE') throw STALE;
    const code = round.fromPool ? takeCode(round.coupon.stockId) : undefined;
    if (code === null) return;
    const { coupon, event, ...caps } = code === undefined ? round : withCode(round, code);
    const counter = takeCounters(NEXT_ROUND_COUNTERS, { ...caps, stockId: coupon.stockId, userKey: coupon.userKey });
    if (counter) throw new RollbackWith({ ran: true, value: { kind: 'REFUSED', counter } as LifecycleOutcome });
    if (q.coupon.run(coupon) === 0) throw STALE;
    q.event.run(event);
  };

  return {
    ...shared.store,
    useUserCoupon: (request, { transition, userCouponBundleId, next }) =>
      shared.guarded(request, function* () {
        yield* shared.apply(transition);
        yield* shared.addUsed(userCouponBundleId, 1, transition.updatedAt);
        if (next) issueNext(next);
      }),
    advanceCouponStates: async (now, limit) => {
      const { at, expireBefore } = couponTimeBounds(now);
      return db
        .transaction(() => ({
          expired: q.expire.run([at, expireBefore, limit]),
          activated: q.activate.run([at, at, limit]),
        }))
        .immediate();
    },
  };
}

import type { CouponLifecycleStore, LifecycleOutcome, NextRound } from '../lifecycle.js';
import { NEXT_ROUND_COUNTERS } from '../rules/counters.js';
import { withCode } from '../rules/pool-code.js';
import type { SharedLifecycle } from '../typed/lifecycle.js';
import { insertNew, insertRecord, selectBy } from '../typed/statement.js';
import { RollbackWith } from '../typed/work.js';
import { sqliteCodePool } from './code-pool.js';
import { sqliteCounters } from './counters.js';
import type { SqliteDb } from './database.js';
import type { SqliteEngine } from './engine.js';

const STALE = new RollbackWith({ ran: true, value: { kind: 'STALE' } });

/**
 * 核销 on SQLite, per dialect because it is a contended transaction: the transition, the bundle's count and the next
 * round's counters, coupon and SEND event take one savepoint of a group commit.
 */
export function sqliteUse(
  db: SqliteDb,
  e: SqliteEngine,
  shared: SharedLifecycle,
): CouponLifecycleStore['useUserCoupon'] {
  const { k } = e;
  const q = {
    bundle: e.prepared(selectBy(k, 'user_coupon_bundles', 'user_coupon_bundle_id')),
    coupon: e.prepared(insertNew(k, 'user_coupons')),
    event: e.prepared(insertRecord(k, 'outbox')),
  };
  const takeCounters = sqliteCounters(e, false);
  const takeCode = sqliteCodePool(db);

  /** Coupon #k+1 (D-11); an UPLOAD-mode round whose pool is empty is left out (D-87). */
  const issueNext = (round: NextRound) => {
    if (q.bundle.get(round.coupon)?.state !== 'ACTIVE') throw STALE;
    const code = round.fromPool ? takeCode(round.coupon.stockId) : undefined;
    if (code === null) return;
    const { coupon, event, ...caps } = code === undefined ? round : withCode(round, code);
    const counter = takeCounters(NEXT_ROUND_COUNTERS, { ...caps, stockId: coupon.stockId, userKey: coupon.userKey });
    if (counter) throw new RollbackWith({ ran: true, value: { kind: 'REFUSED', counter } as LifecycleOutcome });
    if (q.coupon.run(coupon) === 0) throw STALE;
    q.event.run(event);
  };

  return (request, { transition, userCouponBundleId, next }) =>
    shared.guarded(request, function* () {
      yield* shared.apply(transition);
      yield* shared.addUsed(userCouponBundleId, 1, transition.updatedAt);
      if (next) issueNext(next);
    });
}

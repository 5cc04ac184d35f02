import { BUSINESS_TABLES } from '../business-tables.js';
import type { Guarded, RequestRecord } from '../catalog.js';
import type { CouponLifecycleStore, CouponTransition, LifecycleOutcome, NextRound } from '../lifecycle.js';
import {
  OUTBOX_EVENT_COLUMNS,
  outboxEventValues,
  USER_COUPON_COLUMNS,
  userCouponValues,
} from '../rows/issuance-values.js';
import { insertStatement } from '../rows/statements.js';
import { unchangedSinceRead } from '../rules/bundle-coupons.js';
import { type Counter, NEXT_ROUND_COUNTERS, NO_DAILY_CAP } from '../rules/counters.js';
import { couponTimeBounds } from '../rules/coupon-time.js';
import { withCode } from '../rules/pool-code.js';
import { requestRecords } from '../typed/requests.js';
import { sqliteCodePool } from './code-pool.js';
import { COUNT_DAY, COUNT_USER } from './counter-statements.js';
import type { SqliteDb } from './database.js';
import type { SqliteEngine } from './engine.js';
import { outcomeOf, RollbackWith } from './rollback.js';

const STALE = new RollbackWith<LifecycleOutcome>({ kind: 'STALE' });

interface Guard {
  request: RequestRecord;
  mutate: () => void;
}

export function sqliteLifecycle(db: SqliteDb, engine: SqliteEngine): CouponLifecycleStore {
  const requests = requestRecords(engine);
  const q = {
    transition: db.prepare(
      'UPDATE user_coupons SET state = ?, detail = ?, updated_at = ? WHERE coupon_code = ? AND state = ?',
    ),
    bundleState: db.prepare<[string], { state: string }>(
      'SELECT state FROM user_coupon_bundles WHERE user_coupon_bundle_id = ?',
    ),
    addUsed: db.prepare(
      `UPDATE user_coupon_bundles SET used_count = used_count + ?, updated_at = ?
       WHERE user_coupon_bundle_id = ? AND used_count + ? BETWEEN 0 AND total_count`,
    ),
    deactivateBundle: db.prepare(
      `UPDATE user_coupon_bundles SET state = 'DEACTIVATED', updated_at = ?
       WHERE user_coupon_bundle_id = ? AND state = 'ACTIVE'`,
    ),
    bundleCoupons: db.prepare<[string], { coupon_code: string; state: string }>(
      'SELECT coupon_code, state FROM user_coupons WHERE user_coupon_bundle_id = ?',
    ),
    bumpTotal: db.prepare(
      'UPDATE stocks SET total_count = total_count + 1 WHERE stock_id = ? AND total_count < max_count',
    ),
    bumpDay: db.prepare(COUNT_DAY),
    bumpUser: db.prepare(COUNT_USER),
    insertCoupon: db.prepare(
      `${insertStatement('user_coupons', USER_COUPON_COLUMNS, 'sqlite')} ON CONFLICT DO NOTHING`,
    ),
    insertEvent: db.prepare(insertStatement('outbox', OUTBOX_EVENT_COLUMNS, 'sqlite')),
    expire: db.prepare(
      `UPDATE user_coupons SET state = 'EXPIRED', updated_at = ? WHERE coupon_code IN (
         SELECT coupon_code FROM user_coupons WHERE state IN ('PENDING','EFFECTIVE') AND valid_end_time < ? LIMIT ?)`,
    ),
    activate: db.prepare(
      `UPDATE user_coupons SET state = 'EFFECTIVE', updated_at = ? WHERE coupon_code IN (
         SELECT coupon_code FROM user_coupons WHERE state = 'PENDING' AND valid_begin_time <= ? LIMIT ?)`,
    ),
  };

  /** Binds the request number and runs `mutate`; a bound number changes nothing (D-5). */
  const unit = ({ request, mutate }: Guard): Guarded<LifecycleOutcome> =>
    engine.drive(
      // biome-ignore lint/correctness/useYield: the lifecycle's own statements run synchronously inside the unit
      requests.guarded(request, function* () {
        mutate();
        return { kind: 'APPLIED' } as const;
      }),
    );

  /** One savepoint of a group commit: a `RollbackWith` rolls back this call only, its request record included. */
  const guarded = (request: RequestRecord, mutate: () => void): Promise<Guarded<LifecycleOutcome>> =>
    engine
      .batch(() => unit({ request, mutate }))
      .catch((e: unknown) => ({ ran: true, value: outcomeOf<LifecycleOutcome>(e) }));

  const apply = (t: CouponTransition) => {
    if (q.transition.run(t.to, JSON.stringify(t.detail), t.updatedAt, t.couponCode, t.from).changes === 0) throw STALE;
  };

  const addUsed = (bundleId: string, delta: 1 | -1, at: string) => {
    if (q.addUsed.run(delta, at, bundleId, delta).changes === 0) throw STALE;
  };

  const takeCode = sqliteCodePool(db);

  const issueNext = (round: NextRound) => {
    if (q.bundleState.get(round.coupon.userCouponBundleId)?.state !== 'ACTIVE') throw STALE;
    const code = round.fromPool ? takeCode(round.coupon.stockId) : undefined;
    if (code === null) return;
    const n = code === undefined ? round : withCode(round, code);
    const c = n.coupon;
    const take: Record<Counter, () => boolean> = {
      total: () => q.bumpTotal.run(c.stockId).changes > 0,
      day: () => q.bumpDay.run(c.stockId, n.day, n.maxCountPerDay ?? NO_DAILY_CAP).changes > 0,
      user: () => q.bumpUser.run(c.stockId, c.userKey, n.maxCountPerUser).changes > 0,
    };
    for (const counter of NEXT_ROUND_COUNTERS)
      if (!take[counter]()) throw new RollbackWith<LifecycleOutcome>({ kind: 'REFUSED', counter });
    if (q.insertCoupon.run(...userCouponValues(c)).changes === 0) throw STALE;
    q.insertEvent.run(...outboxEventValues(n.event));
  };

  return {
    confirmUserCoupon(request, transition) {
      return guarded(request, () => apply(transition));
    },
    useUserCoupon(request, command) {
      return guarded(request, () => {
        apply(command.transition);
        addUsed(command.userCouponBundleId, 1, command.transition.updatedAt);
        if (command.next) issueNext(command.next);
      });
    },
    returnUserCoupon(request, command) {
      return guarded(request, () => {
        apply(command.transition);
        addUsed(command.userCouponBundleId, -1, command.transition.updatedAt);
      });
    },
    deactivateUserCouponBundle(request, command) {
      return guarded(request, () => {
        if (!unchangedSinceRead(command.expected, q.bundleCoupons.all(command.userCouponBundleId))) throw STALE;
        if (q.deactivateBundle.run(command.deactivation.time, command.userCouponBundleId).changes === 0) throw STALE;
        for (const t of command.transitions) apply(t);
      });
    },
    async advanceCouponStates(now, limit) {
      const { at, expireBefore } = couponTimeBounds(now);
      return db
        .transaction(() => ({
          expired: q.expire.run(at, expireBefore, limit).changes,
          activated: q.activate.run(at, at, limit).changes,
        }))
        .immediate();
    },
    async wipeBusinessData() {
      db.transaction(() => {
        for (const table of BUSINESS_TABLES) db.prepare(`DELETE FROM ${table}`).run();
      }).immediate();
    },
  };
}

import { BUSINESS_TABLES } from '../business-tables.js';
import type { Guarded, RequestRecord } from '../catalog.js';
import type { UserCouponBundleRecord, UserCouponState } from '../issuance.js';
import type { CouponLifecycleStore, CouponTransition, LifecycleOutcome } from '../lifecycle.js';
import { unchangedSinceRead } from '../rules/bundle-coupons.js';
import { couponTimeBounds } from '../rules/coupon-time.js';
import type { Engine } from '../typed/work.js';
import type { Database, PgClient, Rollback } from './database.js';
import { useInOneCall } from './lifecycle-use.js';
import { clientGuard } from './requests.js';

type Outcome = Guarded<LifecycleOutcome>;

const TRANSITION =
  'UPDATE user_coupons SET state = $1, detail = $2, updated_at = $3 WHERE coupon_code = $4 AND state = $5';

const ADD_USED = `
UPDATE user_coupon_bundles SET used_count = used_count + $1, updated_at = $2
WHERE user_coupon_bundle_id = $3 AND used_count + $1 BETWEEN 0 AND total_count
RETURNING state`;

const DEACTIVATE_BUNDLE = `
UPDATE user_coupon_bundles SET state = 'DEACTIVATED', updated_at = $1
WHERE user_coupon_bundle_id = $2 AND state = 'ACTIVE'`;

// The picked rows are materialized once: a subquery in the UPDATE's WHERE may be rescanned and, skipping the rows
// this statement already changed, pick more than `limit`. The outer conditions re-check each row's latest version.
const EXPIRE = `
WITH picked AS MATERIALIZED (
  SELECT coupon_code FROM user_coupons WHERE state IN ('PENDING', 'EFFECTIVE') AND valid_end_time < $2
  LIMIT $3 FOR UPDATE SKIP LOCKED)
UPDATE user_coupons u SET state = 'EXPIRED', updated_at = $1 FROM picked
WHERE u.coupon_code = picked.coupon_code AND u.state IN ('PENDING', 'EFFECTIVE') AND u.valid_end_time < $2`;

const ACTIVATE = `
WITH picked AS MATERIALIZED (
  SELECT coupon_code FROM user_coupons WHERE state = 'PENDING' AND valid_begin_time <= $1
  LIMIT $2 FOR UPDATE SKIP LOCKED)
UPDATE user_coupons u SET state = 'EFFECTIVE', updated_at = $1 FROM picked
WHERE u.coupon_code = picked.coupon_code AND u.state = 'PENDING' AND u.valid_begin_time <= $1`;

const STALE: Outcome = { ran: true, value: { kind: 'STALE' } };
const APPLIED: Outcome = { ran: true, value: { kind: 'APPLIED' } };

/** Compare-and-set: true when the coupon was still in `from` and now is in `to`. */
async function apply(c: PgClient, t: CouponTransition): Promise<boolean> {
  const r = await c.query(TRANSITION, [t.to, JSON.stringify(t.detail), t.updatedAt, t.couponCode, t.from]);
  return r.rowCount === 1;
}

type BundleState = UserCouponBundleRecord['state'];

/** `used_count ± 1` on the bundle, locking it; its state, or null when the count would leave `0..total_count`. */
async function addUsed(c: PgClient, bundleId: string, delta: 1 | -1, at: string): Promise<BundleState | null> {
  const { rows } = await c.query<{ state: BundleState }>(ADD_USED, [delta, at, bundleId]);
  return rows[0]?.state ?? null;
}

/**
 * Coupon lifecycle on PostgreSQL. Every transaction that touches a bundle and its coupons locks the bundle row
 * first, so use, return and deactivate of one bundle queue on it instead of deadlocking on coupon rows.
 */
export function postgresLifecycle(db: Database, engine: Engine): CouponLifecycleStore {
  const guarded = clientGuard(engine);
  /** D-5: the request record and `work` commit together; any outcome but APPLIED rolls both back. */
  const run = (request: RequestRecord, work: (c: PgClient, rollback: Rollback<Outcome>) => Promise<void>) =>
    db.tx<Outcome>(async (c, rollback) => {
      const result = await guarded(c, request, () => work(c, rollback));
      return result.ran ? APPLIED : result;
    });

  return {
    confirmUserCoupon(request, transition) {
      return run(request, async (c, rollback) => {
        if (!(await apply(c, transition))) rollback(STALE);
      });
    },

    useUserCoupon: (request, command) => useInOneCall(db, request, command),

    returnUserCoupon(request, command) {
      const { transition, userCouponBundleId } = command;
      return run(request, async (c, rollback) => {
        if ((await addUsed(c, userCouponBundleId, -1, transition.updatedAt)) === null) rollback(STALE);
        if (!(await apply(c, transition))) rollback(STALE);
      });
    },

    deactivateUserCouponBundle(request, command) {
      const { userCouponBundleId: id, expected, transitions, deactivation } = command;
      return run(request, async (c, rollback) => {
        if ((await c.query(DEACTIVATE_BUNDLE, [deactivation.time, id])).rowCount === 0) rollback(STALE);
        // Read after the bundle lock: a use that issued a round before it is visible here.
        const { rows } = await c.query<{ coupon_code: string; state: UserCouponState }>(
          'SELECT coupon_code, state FROM user_coupons WHERE user_coupon_bundle_id = $1',
          [id],
        );
        if (!unchangedSinceRead(expected, rows)) rollback(STALE);
        for (const t of transitions) if (!(await apply(c, t))) rollback(STALE);
      });
    },

    advanceCouponStates(now, limit) {
      const { at, expireBefore } = couponTimeBounds(now);
      return db.tx(async (c) => ({
        expired: (await c.query(EXPIRE, [at, expireBefore, limit])).rowCount ?? 0,
        activated: (await c.query(ACTIVATE, [at, limit])).rowCount ?? 0,
      }));
    },

    async wipeBusinessData() {
      await db.tx(async (c) => {
        for (const table of BUSINESS_TABLES) await c.query(`DELETE FROM ${table}`);
      });
    },
  };
}

import type { CouponLifecycleStore } from '../lifecycle.js';
import { couponTimeBounds } from '../typed/issuance.js';
import { typedLifecycle } from '../typed/lifecycle.js';
import type { RequestRecords } from '../typed/requests.js';
import type { Engine } from '../typed/work.js';
import type { Database } from './database.js';
import { useInOneCall } from './lifecycle-use.js';

// The sweep's moves, per dialect because instances sweep concurrently: rows another sweep holds are skipped. The
// picked rows are materialized once: a subquery in the UPDATE's WHERE may be rescanned and, skipping the rows this
// statement already changed, pick more than `limit`. The outer conditions re-check each row's latest version.
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

/** The coupon lifecycle on PostgreSQL: use is one call of `coupond_use`, the sweep skips locked rows. */
export function postgresLifecycle(db: Database, e: Engine, requests: RequestRecords): CouponLifecycleStore {
  return {
    ...typedLifecycle(e, requests).store,
    useUserCoupon: (request, command) => useInOneCall(db, request, command),
    advanceCouponStates(now, limit) {
      const { at, expireBefore } = couponTimeBounds(now);
      return db.tx(async (c) => ({
        expired: (await c.query(EXPIRE, [at, expireBefore, limit])).rowCount ?? 0,
        activated: (await c.query(ACTIVATE, [at, limit])).rowCount ?? 0,
      }));
    },
  };
}

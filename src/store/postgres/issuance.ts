import type { IssuanceStore } from '../issuance.js';
import { userCouponFilters } from '../rows/filters.js';
import {
  type IssuanceRow,
  type TokenRow,
  toIssuance,
  toToken,
  toUserCouponBundle,
  type UserCouponBundleRow,
  type UserCouponRow,
  userCouponMapper,
} from '../rows/issuance.js';
import { alreadyParsed } from '../rows/json.js';
import { whereEqual } from '../rows/statements.js';
import type { Database } from './database.js';
import type { GroupCommitOptions } from './group-commit.js';
import { pgIssuer } from './issue.js';
import { pgTokenInserter } from './token-inserts.js';

const toUserCoupon = userCouponMapper(alreadyParsed);

export function postgresIssuance(db: Database, groupCommit: GroupCommitOptions = {}): IssuanceStore {
  const issueBundle = pgIssuer(db, groupCommit);
  return {
    insertToken: pgTokenInserter(db, groupCommit),

    async getToken(tokenHash) {
      const [r] = await db.query<TokenRow>('SELECT * FROM tokens WHERE token_hash = $1', [tokenHash]);
      return r ? toToken(r) : null;
    },

    async getIssuance(mchid, brandId, sendRequestNo) {
      const [r] = await db.query<IssuanceRow>(
        'SELECT * FROM issuances WHERE mchid = $1 AND brand_id = $2 AND send_request_no = $3',
        [mchid, brandId, sendRequestNo],
      );
      return r ? toIssuance(r) : null;
    },

    async getUserCount(stockId, userKey) {
      const [r] = await db.query<{ count: number }>(
        'SELECT count FROM user_counts WHERE stock_id = $1 AND user_key = $2',
        [stockId, userKey],
      );
      return r?.count ?? 0;
    },

    issueBundle,

    async getUserCouponBundle(userCouponBundleId) {
      const [r] = await db.query<UserCouponBundleRow>(
        'SELECT * FROM user_coupon_bundles WHERE user_coupon_bundle_id = $1',
        [userCouponBundleId],
      );
      return r ? toUserCouponBundle(r) : null;
    },

    async getUserCoupon(couponCode) {
      const [r] = await db.query<UserCouponRow<unknown>>('SELECT * FROM user_coupons WHERE coupon_code = $1', [
        couponCode,
      ]);
      return r ? toUserCoupon(r) : null;
    },

    async listBundleCoupons(userCouponBundleId) {
      const rows = await db.query<UserCouponRow<unknown>>(
        'SELECT * FROM user_coupons WHERE user_coupon_bundle_id = $1 ORDER BY idx',
        [userCouponBundleId],
      );
      return rows.map(toUserCoupon);
    },

    async listUserCoupons(q) {
      return db.tx(async (c) => {
        const { where, values } = whereEqual(userCouponFilters(q), 'postgres');
        const page = await c.query<UserCouponRow<unknown>>(
          `SELECT * FROM user_coupons ${where} ORDER BY created_at DESC, coupon_code
           OFFSET $${values.length + 1} LIMIT $${values.length + 2}`,
          [...values, q.offset, q.limit],
        );
        const count = await c.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM user_coupons ${where}`,
          values,
        );
        return { coupons: page.rows.map(toUserCoupon), total: count.rows[0]!.total };
      }, 'REPEATABLE READ');
    },
  };
}

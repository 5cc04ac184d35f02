import type { IssuanceStore } from '../issuance.js';
import { userCouponWhere } from '../rows/filters.js';
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
import type { Database } from './database.js';
import type { GroupCommitOptions } from './group-commit.js';
import { pgIssuer } from './issue.js';
import { pointReads } from './point-reads.js';
import { pgTokenInserter } from './token-inserts.js';

const toUserCoupon = userCouponMapper(alreadyParsed);

// The lookups of every pre-send and claim, gathered across concurrent requests (D-58).
const TOKENS = 'SELECT * FROM tokens WHERE token_hash = ANY($1::text[])';
const ISSUANCES = `
SELECT i.* FROM unnest($1::text[], $2::text[], $3::text[]) AS k(mchid, brand_id, send_request_no)
JOIN issuances i USING (mchid, brand_id, send_request_no)`;
const USER_COUNTS = `
SELECT u.stock_id, u.user_key, u.count FROM unnest($1::text[], $2::text[]) AS k(stock_id, user_key)
JOIN user_counts u USING (stock_id, user_key)`;

export function issuanceLookups(db: Database, groupCommit: GroupCommitOptions) {
  const token = pointReads<TokenRow>(db, TOKENS, ['token_hash'], groupCommit);
  const issuance = pointReads<IssuanceRow>(db, ISSUANCES, ['mchid', 'brand_id', 'send_request_no'], groupCommit);
  const userCount = pointReads<{ stock_id: string; user_key: string; count: number }>(
    db,
    USER_COUNTS,
    ['stock_id', 'user_key'],
    groupCommit,
  );
  return {
    getToken: async (tokenHash: string) => {
      const r = await token(tokenHash);
      return r ? toToken(r) : null;
    },
    getIssuance: async (mchid: string, brandId: string, sendRequestNo: string) => {
      const r = await issuance(mchid, brandId, sendRequestNo);
      return r ? toIssuance(r) : null;
    },
    getUserCount: async (stockId: string, userKey: string) => (await userCount(stockId, userKey))?.count ?? 0,
  };
}

export function postgresIssuance(db: Database, groupCommit: GroupCommitOptions = {}): IssuanceStore {
  const issueBundle = pgIssuer(db, groupCommit);
  return {
    insertToken: pgTokenInserter(db, groupCommit),
    ...issuanceLookups(db, groupCommit),

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
        const { where, values } = userCouponWhere(q, 'postgres');
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

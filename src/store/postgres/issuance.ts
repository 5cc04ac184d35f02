import type { IssuanceStore, UserCouponQuery } from '../issuance.js';
import { insertStatement } from '../rows/insert.js';
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
import { TOKEN_COLUMNS, tokenValues } from '../rows/issuance-values.js';
import { alreadyParsed } from '../rows/json.js';
import type { Database } from './database.js';
import { issueBundle } from './issue.js';

const toUserCoupon = userCouponMapper(alreadyParsed);
const INSERT_TOKEN = insertStatement('tokens', TOKEN_COLUMNS, 'postgres');

function userCouponFilters(q: UserCouponQuery, values: unknown[]): string {
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const parts = [`brand_id = ${add(q.brandId)}`, `openid = ${add(q.openid)}`, `mchid = ${add(q.mchid)}`];
  if (q.state !== undefined) parts.push(`state = ${add(q.state)}`);
  if (q.productCouponId !== undefined) parts.push(`product_coupon_id = ${add(q.productCouponId)}`);
  if (q.stockId !== undefined) parts.push(`stock_id = ${add(q.stockId)}`);
  if (q.userCouponBundleId !== undefined) parts.push(`user_coupon_bundle_id = ${add(q.userCouponBundleId)}`);
  return parts.join(' AND ');
}

export function postgresIssuance(db: Database): IssuanceStore {
  return {
    async insertToken(t) {
      await db.query(INSERT_TOKEN, tokenValues(t));
    },

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

    issueBundle: (command) => issueBundle(db, command),

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
        const values: unknown[] = [];
        const where = userCouponFilters(q, values);
        const page = await c.query<UserCouponRow<unknown>>(
          `SELECT * FROM user_coupons WHERE ${where} ORDER BY created_at DESC, coupon_code
           OFFSET $${values.length + 1} LIMIT $${values.length + 2}`,
          [...values, q.offset, q.limit],
        );
        const count = await c.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM user_coupons WHERE ${where}`,
          values,
        );
        return { coupons: page.rows.map(toUserCoupon), total: count.rows[0]!.total };
      }, 'REPEATABLE READ');
    },
  };
}

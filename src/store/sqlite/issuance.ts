import type { StockState } from '../catalog.js';
import type { IssuanceStore, IssueCommand, IssueOutcome, TokenRecord } from '../issuance.js';
import type { SqliteDb } from './database.js';
import { GroupCommit } from './group-commit.js';
import {
  type BundleRow,
  COUPON_COLUMNS,
  type CouponRow,
  couponValues,
  type IssuanceRow,
  type TokenRow,
  toBundle,
  toCoupon,
  toIssuance,
  toToken,
} from './issuance-rows.js';

/** Day counters always count (`today_count` is exact); stocks without a daily cap get this cap. */
export const UNCAPPED = Number.MAX_SAFE_INTEGER;

/** Thrown inside the savepoint to undo a partly applied issuance and report why. */
class Refused {
  constructor(readonly outcome: IssueOutcome) {}
}

export function sqliteIssuance(db: SqliteDb): IssuanceStore {
  const q = {
    insertToken: db.prepare(
      `INSERT INTO tokens (token_hash, mchid, brand_id, product_coupon_id, stock_bundle_id, appid, openid, user_key,
        send_request_no, attach, fingerprint, created_at, expires_at, claimed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)`,
    ),
    getToken: db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?'),
    claimToken: db.prepare('UPDATE tokens SET claimed_at = ? WHERE token_hash = ? AND claimed_at IS NULL'),
    getIssuance: db.prepare<[string, string, string], IssuanceRow>(
      'SELECT * FROM issuances WHERE mchid = ? AND brand_id = ? AND send_request_no = ?',
    ),
    insertIssuance: db.prepare(
      `INSERT INTO issuances (mchid, brand_id, send_request_no, channel, openid, appid, user_key, product_coupon_id,
        stock_bundle_id, attach, fingerprint, user_coupon_bundle_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
       ON CONFLICT DO NOTHING`,
    ),
    userCount: db.prepare<[string, string], { count: number }>(
      'SELECT count FROM user_counts WHERE stock_id = ? AND user_key = ?',
    ),
    bumpUser: db.prepare(
      `INSERT INTO user_counts (stock_id, user_key, count, cap) VALUES (?, ?, 1, ?)
       ON CONFLICT (stock_id, user_key) DO UPDATE SET count = count + 1, cap = excluded.cap WHERE count < excluded.cap`,
    ),
    bumpTotal: db.prepare(
      `UPDATE stocks SET total_count = total_count + 1 WHERE stock_id = ? AND state = 'SENDING' AND total_count < max_count`,
    ),
    stockCaps: db.prepare<
      [string],
      { state: StockState; max_count_per_user: number; max_count_per_day: number | null }
    >('SELECT state, max_count_per_user, max_count_per_day FROM stocks WHERE stock_id = ?'),
    bumpDay: db.prepare(
      `INSERT INTO stock_day_counts (stock_id, day, count, cap) VALUES (?, ?, 1, ?)
       ON CONFLICT (stock_id, day) DO UPDATE SET count = count + 1, cap = excluded.cap WHERE count < excluded.cap`,
    ),
    insertBundle: db.prepare(
      `INSERT INTO user_coupon_bundles (user_coupon_bundle_id, mchid, brand_id, product_coupon_id, stock_bundle_id,
        openid, appid, user_key, send_request_no, channel, attach, total_count, used_count, state, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    insertCoupon: db.prepare(
      `INSERT INTO user_coupons (${COUPON_COLUMNS}) VALUES (${COUPON_COLUMNS.replace(/\w+/g, '?')})`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO outbox (event_id, mchid, event_type, summary, resource, create_time, next_attempt_at)
       VALUES (?,?,?,?,?,?,?)`,
    ),
    getBundle: db.prepare<[string], BundleRow>('SELECT * FROM user_coupon_bundles WHERE user_coupon_bundle_id = ?'),
    getCoupon: db.prepare<[string], CouponRow>('SELECT * FROM user_coupons WHERE coupon_code = ?'),
    bundleCoupons: db.prepare<[string], CouponRow>(
      'SELECT * FROM user_coupons WHERE user_coupon_bundle_id = ? ORDER BY idx',
    ),
  };

  const issueOne = (c: IssueCommand): IssueOutcome => {
    const i = c.issuance;
    const inserted = q.insertIssuance.run(
      i.mchid,
      i.brandId,
      i.sendRequestNo,
      i.channel,
      i.openid,
      i.appid,
      i.userKey,
      i.productCouponId,
      i.stockBundleId,
      i.attach,
      i.fingerprint,
      i.userCouponBundleId,
      i.createdAt,
    );
    if (inserted.changes === 0)
      return { kind: 'EXISTING', issuance: toIssuance(q.getIssuance.get(i.mchid, i.brandId, i.sendRequestNo)!) };
    const { limits } = c;
    const stock = q.stockCaps.get(limits.stockId);
    if (stock?.state !== 'SENDING') throw new Refused({ kind: 'NOT_AVAILABLE', state: stock?.state ?? null });
    if (q.bumpUser.run(limits.stockId, i.userKey, stock.max_count_per_user).changes === 0)
      throw new Refused({ kind: 'USER_LIMIT_REACHED' });
    if (q.bumpTotal.run(limits.stockId).changes === 0) throw new Refused({ kind: 'SOLD_OUT' });
    if (q.bumpDay.run(limits.stockId, limits.day, stock.max_count_per_day ?? UNCAPPED).changes === 0)
      throw new Refused({ kind: 'DAILY_SOLD_OUT' });
    const b = c.bundle;
    q.insertBundle.run(
      b.userCouponBundleId,
      b.mchid,
      b.brandId,
      b.productCouponId,
      b.stockBundleId,
      b.openid,
      b.appid,
      b.userKey,
      b.sendRequestNo,
      b.channel,
      b.attach,
      b.totalCount,
      b.usedCount,
      b.state,
      b.createdAt,
      b.updatedAt,
    );
    q.insertCoupon.run(...couponValues(c.coupon));
    const e = c.event;
    q.insertEvent.run(
      e.eventId,
      e.mchid,
      e.eventType,
      e.summary,
      JSON.stringify(e.resource),
      e.createTime,
      e.nextAttemptAt,
    );
    if (c.tokenHash && q.claimToken.run(i.createdAt, c.tokenHash).changes === 0)
      throw new Error('token is unknown or already claimed');
    return { kind: 'ISSUED' };
  };

  const committer = new GroupCommit<IssueCommand, IssueOutcome>(db, issueOne);
  const tokenCommitter = new GroupCommit<TokenRecord, void>(db, (t) => {
    q.insertToken.run(
      t.tokenHash,
      t.mchid,
      t.brandId,
      t.productCouponId,
      t.stockBundleId,
      t.appid,
      t.openid,
      t.userKey,
      t.sendRequestNo,
      t.attach,
      t.fingerprint,
      t.createdAt,
      t.expiresAt,
    );
  });

  return {
    insertToken(t: TokenRecord) {
      return tokenCommitter.submit(t);
    },
    async getToken(hash) {
      const r = q.getToken.get(hash);
      return r ? toToken(r) : null;
    },
    async getIssuance(mchid, brandId, no) {
      const r = q.getIssuance.get(mchid, brandId, no);
      return r ? toIssuance(r) : null;
    },
    async getUserCount(stockId, userKey) {
      return q.userCount.get(stockId, userKey)?.count ?? 0;
    },
    issueBundle(command) {
      return committer.submit(command).catch((e: unknown) => {
        if (e instanceof Refused) return e.outcome;
        throw e;
      });
    },
    async getUserCouponBundle(id) {
      const r = q.getBundle.get(id);
      return r ? toBundle(r) : null;
    },
    async getUserCoupon(code) {
      const r = q.getCoupon.get(code);
      return r ? toCoupon(r) : null;
    },
    async listBundleCoupons(id) {
      return q.bundleCoupons.all(id).map(toCoupon);
    },
    async listUserCoupons(query) {
      const filters: [string, string | undefined][] = [
        ['brand_id', query.brandId],
        ['openid', query.openid],
        ['mchid', query.mchid],
        ['state', query.state],
        ['product_coupon_id', query.productCouponId],
        ['stock_id', query.stockId],
        ['user_coupon_bundle_id', query.userCouponBundleId],
      ];
      const used = filters.filter(([, v]) => v !== undefined) as [string, string][];
      const clause = used.map(([column]) => `${column} = ?`).join(' AND ');
      const args = used.map(([, v]) => v);
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM user_coupons WHERE ${clause}`).get(...args) as { n: number })
        .n;
      const rows = db
        .prepare<(string | number)[], CouponRow>(
          `SELECT * FROM user_coupons WHERE ${clause} ORDER BY created_at DESC, coupon_code LIMIT ? OFFSET ?`,
        )
        .all(...args, query.limit, query.offset);
      return { coupons: rows.map(toCoupon), total };
    },
  };
}

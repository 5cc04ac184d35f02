import type { StockState } from '../catalog.js';
import type { IssuanceStore, IssueCommand, IssueOutcome, TokenRecord } from '../issuance.js';
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
import {
  ISSUANCE_COLUMNS,
  issuanceValues,
  OUTBOX_EVENT_COLUMNS,
  outboxEventValues,
  TOKEN_COLUMNS,
  tokenValues,
  USER_COUPON_BUNDLE_COLUMNS,
  USER_COUPON_COLUMNS,
  userCouponBundleValues,
  userCouponValues,
} from '../rows/issuance-values.js';
import { parseJsonText } from '../rows/json.js';
import { insertStatement } from '../rows/statements.js';
import { type Counter, ISSUE_COUNTERS, NO_DAILY_CAP } from '../rules/counters.js';
import { withCode } from '../rules/pool-code.js';
import { sqliteCodePool } from './code-pool.js';
import { COUNT_DAY, COUNT_USER } from './counter-statements.js';
import type { SqliteDb } from './database.js';
import type { SqliteEngine } from './engine.js';
import { outcomeOf, RollbackWith } from './rollback.js';

const toUserCoupon = userCouponMapper(parseJsonText);

export function sqliteIssuance(db: SqliteDb, engine: SqliteEngine): IssuanceStore {
  const q = {
    insertToken: db.prepare(insertStatement('tokens', TOKEN_COLUMNS, 'sqlite')),
    getToken: db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?'),
    claimToken: db.prepare('UPDATE tokens SET claimed_at = ? WHERE token_hash = ? AND claimed_at IS NULL'),
    getIssuance: db.prepare<[string, string, string], IssuanceRow>(
      'SELECT * FROM issuances WHERE mchid = ? AND brand_id = ? AND send_request_no = ?',
    ),
    insertIssuance: db.prepare(`${insertStatement('issuances', ISSUANCE_COLUMNS, 'sqlite')} ON CONFLICT DO NOTHING`),
    userCount: db.prepare<[string, string], { count: number }>(
      'SELECT count FROM user_counts WHERE stock_id = ? AND user_key = ?',
    ),
    bumpUser: db.prepare(COUNT_USER),
    bumpTotal: db.prepare(
      `UPDATE stocks SET total_count = total_count + 1 WHERE stock_id = ? AND state = 'SENDING' AND total_count < max_count`,
    ),
    stockCaps: db.prepare<
      [string],
      { state: StockState; max_count_per_user: number; max_count_per_day: number | null }
    >('SELECT state, max_count_per_user, max_count_per_day FROM stocks WHERE stock_id = ?'),
    bumpDay: db.prepare(COUNT_DAY),
    insertBundle: db.prepare(insertStatement('user_coupon_bundles', USER_COUPON_BUNDLE_COLUMNS, 'sqlite')),
    insertCoupon: db.prepare(insertStatement('user_coupons', USER_COUPON_COLUMNS, 'sqlite')),
    insertEvent: db.prepare(insertStatement('outbox', OUTBOX_EVENT_COLUMNS, 'sqlite')),
    getBundle: db.prepare<[string], UserCouponBundleRow>(
      'SELECT * FROM user_coupon_bundles WHERE user_coupon_bundle_id = ?',
    ),
    getCoupon: db.prepare<[string], UserCouponRow<string>>('SELECT * FROM user_coupons WHERE coupon_code = ?'),
    bundleCoupons: db.prepare<[string], UserCouponRow<string>>(
      'SELECT * FROM user_coupons WHERE user_coupon_bundle_id = ? ORDER BY idx',
    ),
  };

  const takeCode = sqliteCodePool(db);

  /** A code that names a user coupon already (a caller-assigned one, D-101) refuses the issuance. */
  const insertCoupon = (coupon: IssueCommand['coupon']) => {
    try {
      q.insertCoupon.run(...userCouponValues(coupon));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new RollbackWith<IssueOutcome>({ kind: 'CODE_TAKEN' });
      throw error;
    }
  };

  const issueOne = (c: IssueCommand): IssueOutcome => {
    const i = c.issuance;
    const inserted = q.insertIssuance.run(...issuanceValues(i));
    if (inserted.changes === 0)
      return { kind: 'EXISTING', issuance: toIssuance(q.getIssuance.get(i.mchid, i.brandId, i.sendRequestNo)!) };
    const { limits } = c;
    const stock = q.stockCaps.get(limits.stockId);
    if (stock?.state !== 'SENDING')
      throw new RollbackWith<IssueOutcome>({ kind: 'NOT_AVAILABLE', state: stock?.state ?? null });
    const take: Record<Counter, () => boolean> = {
      user: () => q.bumpUser.run(limits.stockId, i.userKey, stock.max_count_per_user).changes > 0,
      total: () => q.bumpTotal.run(limits.stockId).changes > 0,
      day: () => q.bumpDay.run(limits.stockId, limits.day, stock.max_count_per_day ?? NO_DAILY_CAP).changes > 0,
    };
    for (const { counter, refusal } of ISSUE_COUNTERS)
      if (!take[counter]()) throw new RollbackWith<IssueOutcome>({ kind: refusal });
    const code = c.fromPool ? takeCode(limits.stockId) : undefined;
    if (code === null) throw new RollbackWith<IssueOutcome>({ kind: 'NO_CODES' });
    const { coupon, event } = code === undefined ? c : withCode(c, code);
    q.insertBundle.run(...userCouponBundleValues(c.bundle));
    insertCoupon(coupon);
    q.insertEvent.run(...outboxEventValues(event));
    if (c.tokenHash && q.claimToken.run(i.createdAt, c.tokenHash).changes === 0)
      throw new Error('token is unknown or already claimed');
    return code === undefined ? { kind: 'ISSUED' } : { kind: 'ISSUED', couponCode: code };
  };

  return {
    insertToken(t: TokenRecord) {
      return engine.batch(() => {
        q.insertToken.run(...tokenValues(t));
      });
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
      return engine.batch(() => issueOne(command)).catch((e: unknown) => outcomeOf<IssueOutcome>(e));
    },
    async getUserCouponBundle(id) {
      const r = q.getBundle.get(id);
      return r ? toUserCouponBundle(r) : null;
    },
    async getUserCoupon(code) {
      const r = q.getCoupon.get(code);
      return r ? toUserCoupon(r) : null;
    },
    async listBundleCoupons(id) {
      return q.bundleCoupons.all(id).map(toUserCoupon);
    },
    async listUserCoupons(query) {
      const { where, values: args } = userCouponWhere(query, 'sqlite');
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM user_coupons ${where}`).get(...args) as { n: number }).n;
      const rows = db
        .prepare<(string | number)[], UserCouponRow<string>>(
          `SELECT * FROM user_coupons ${where} ORDER BY created_at DESC, coupon_code LIMIT ? OFFSET ?`,
        )
        .all(...args, query.limit, query.offset);
      return { coupons: rows.map(toUserCoupon), total };
    },
  };
}

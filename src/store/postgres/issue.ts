import type { StockState } from '../catalog.js';
import type { IssueCommand, IssueOutcome } from '../issuance.js';
import { jsonText } from '../rows/json.js';
import type { Database } from './database.js';
import { type IssuanceRow, toIssuance } from './issuance-rows.js';

/** The day counter of a stock without a daily cap still counts (today_count); its cap is the budget ceiling. */
const NO_DAILY_CAP = 100_000_000;

type Refusal = 'USER_LIMIT_REACHED' | 'SOLD_OUT' | 'DAILY_SOLD_OUT';

const INSERT_ISSUANCE = `
INSERT INTO issuances (mchid, brand_id, send_request_no, channel, openid, appid, user_key, product_coupon_id,
  stock_bundle_id, attach, fingerprint, user_coupon_bundle_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (mchid, brand_id, send_request_no) DO NOTHING`;

const COUNT_USER = `
INSERT INTO user_counts (stock_id, user_key, count, cap)
SELECT stock_id, $2, 1, max_count_per_user FROM stocks WHERE stock_id = $1 AND state = 'SENDING'
ON CONFLICT (stock_id, user_key) DO UPDATE SET count = user_counts.count + 1, cap = excluded.cap
WHERE user_counts.count < excluded.cap
RETURNING count`;

const COUNT_TOTAL = `
UPDATE stocks SET total_count = total_count + 1
WHERE stock_id = $1 AND state = 'SENDING' AND total_count < max_count
RETURNING max_count_per_day`;

const COUNT_DAY = `
INSERT INTO stock_day_counts (stock_id, day, count, cap) VALUES ($1, $2, 1, $3)
ON CONFLICT (stock_id, day) DO UPDATE SET count = stock_day_counts.count + 1, cap = excluded.cap
WHERE stock_day_counts.count < excluded.cap
RETURNING count`;

const INSERT_BUNDLE = `
INSERT INTO user_coupon_bundles (user_coupon_bundle_id, mchid, brand_id, product_coupon_id, stock_bundle_id, openid,
  appid, user_key, send_request_no, channel, attach, total_count, used_count, state, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;

const INSERT_COUPON = `
INSERT INTO user_coupons (coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id, stock_bundle_id,
  mchid, brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time, receive_time, send_request_no,
  channel, attach, coupon_tag_info, detail, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`;

const INSERT_EVENT = `
INSERT INTO outbox (event_id, mchid, event_type, summary, resource, create_time, next_attempt_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)`;

/**
 * The issuance transaction (design.md): bind the request number, then take one unit of each counter of stock #0
 * with conditional single-statement updates, which lock the counter rows before reading them, so concurrent
 * issuances on any number of instances queue on the row and re-check the condition on the latest value.
 * Counters are taken per-user → total → daily, so the first refusal is the one D-4 reports.
 */
export async function issueBundle(db: Database, command: IssueCommand): Promise<IssueOutcome> {
  const { issuance: i, limits, bundle: b, coupon: k, event: e } = command;
  return db.tx<IssueOutcome>(async (c, rollback) => {
    const bound = await c.query(INSERT_ISSUANCE, [
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
    ]);
    if (bound.rowCount === 0) {
      const { rows } = await c.query<IssuanceRow>(
        'SELECT * FROM issuances WHERE mchid = $1 AND brand_id = $2 AND send_request_no = $3',
        [i.mchid, i.brandId, i.sendRequestNo],
      );
      return { kind: 'EXISTING', issuance: toIssuance(rows[0]!) };
    }

    const refuse = async (kind: Refusal): Promise<never> => {
      const { rows } = await c.query<{ state: StockState }>('SELECT state FROM stocks WHERE stock_id = $1', [
        limits.stockId,
      ]);
      const state = rows[0]?.state ?? null;
      return rollback(state === 'SENDING' ? { kind } : { kind: 'NOT_AVAILABLE', state });
    };
    if ((await c.query(COUNT_USER, [limits.stockId, i.userKey])).rowCount === 0) return refuse('USER_LIMIT_REACHED');
    const total = await c.query<{ max_count_per_day: number | null }>(COUNT_TOTAL, [limits.stockId]);
    if (total.rowCount === 0) return refuse('SOLD_OUT');
    const dayCap = total.rows[0]!.max_count_per_day ?? NO_DAILY_CAP;
    if ((await c.query(COUNT_DAY, [limits.stockId, limits.day, dayCap])).rowCount === 0)
      return refuse('DAILY_SOLD_OUT');

    await c.query(INSERT_BUNDLE, [
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
    ]);
    await c.query(INSERT_COUPON, [
      k.couponCode,
      k.userCouponBundleId,
      k.index,
      k.stockId,
      k.productCouponId,
      k.stockBundleId,
      k.mchid,
      k.brandId,
      k.openid,
      k.appid,
      k.userKey,
      k.state,
      k.validBeginTime,
      k.validEndTime,
      k.receiveTime,
      k.sendRequestNo,
      k.channel,
      k.attach,
      jsonText(k.couponTagInfo),
      jsonText(k.detail),
      k.createdAt,
      k.updatedAt,
    ]);
    await c.query(INSERT_EVENT, [
      e.eventId,
      e.mchid,
      e.eventType,
      e.summary,
      jsonText(e.resource),
      e.createTime,
      e.nextAttemptAt,
    ]);
    if (command.tokenHash !== undefined) {
      const claimed = await c.query('UPDATE tokens SET claimed_at = $2 WHERE token_hash = $1 AND claimed_at IS NULL', [
        command.tokenHash,
        i.createdAt,
      ]);
      if (claimed.rowCount === 0) throw new Error('token unknown or already claimed: issuance refused (D-12)');
    }
    return { kind: 'ISSUED' };
  });
}

import type { LifecycleOutcome, NextRound } from '../lifecycle.js';
import { jsonText } from '../rows/json.js';
import type { PgClient } from './database.js';

/** A stock without a daily cap still counts its day (today_count); the cap is then the budget ceiling. */
const NO_DAILY_CAP = 100_000_000;

const COUNT_TOTAL = 'UPDATE stocks SET total_count = total_count + 1 WHERE stock_id = $1 AND total_count < max_count';

const COUNT_DAY = `
INSERT INTO stock_day_counts (stock_id, day, count, cap) VALUES ($1, $2, 1, $3)
ON CONFLICT (stock_id, day) DO UPDATE SET count = stock_day_counts.count + 1, cap = excluded.cap
WHERE stock_day_counts.count < excluded.cap`;

const COUNT_USER = `
INSERT INTO user_counts (stock_id, user_key, count, cap) VALUES ($1, $2, 1, $3)
ON CONFLICT (stock_id, user_key) DO UPDATE SET count = user_counts.count + 1, cap = excluded.cap
WHERE user_counts.count < excluded.cap`;

const INSERT_COUPON = `
INSERT INTO user_coupons (coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id, stock_bundle_id,
  mchid, brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time, receive_time, send_request_no,
  channel, attach, coupon_tag_info, detail, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
ON CONFLICT DO NOTHING`;

const INSERT_EVENT = `
INSERT INTO outbox (event_id, mchid, event_type, summary, resource, create_time, next_attempt_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)`;

/**
 * Issues coupon #k+1 inside the use transaction (D-11): stock #k+1's total, day and per-user counters, each one
 * conditional statement, then the coupon and its SEND event. Returns why it could not, so the caller rolls back;
 * a coupon already at that index (a concurrent use of a returned coupon) is `STALE`.
 */
export async function issueNextRound(c: PgClient, n: NextRound): Promise<LifecycleOutcome | null> {
  const k = n.coupon;
  if ((await c.query(COUNT_TOTAL, [k.stockId])).rowCount === 0) return { kind: 'REFUSED', counter: 'total' };
  if ((await c.query(COUNT_DAY, [k.stockId, n.day, n.maxCountPerDay ?? NO_DAILY_CAP])).rowCount === 0)
    return { kind: 'REFUSED', counter: 'day' };
  if ((await c.query(COUNT_USER, [k.stockId, k.userKey, n.maxCountPerUser])).rowCount === 0)
    return { kind: 'REFUSED', counter: 'user' };
  const inserted = await c.query(INSERT_COUPON, [
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
  if (inserted.rowCount === 0) return { kind: 'STALE' };
  const e = n.event;
  await c.query(INSERT_EVENT, [
    e.eventId,
    e.mchid,
    e.eventType,
    e.summary,
    jsonText(e.resource),
    e.createTime,
    e.nextAttemptAt,
  ]);
  return null;
}

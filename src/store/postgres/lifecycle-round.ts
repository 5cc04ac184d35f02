import type { LifecycleOutcome, NextRound } from '../lifecycle.js';
import {
  OUTBOX_EVENT_COLUMNS,
  outboxEventValues,
  USER_COUPON_COLUMNS,
  userCouponValues,
} from '../rows/issuance-values.js';
import { insertStatement } from '../rows/statements.js';
import { type Counter, NEXT_ROUND_COUNTERS, NO_DAILY_CAP } from '../rules/counters.js';
import { withCode } from '../rules/pool-code.js';
import { takeCouponCode } from './code-pool.js';
import { COUNT_DAY } from './counter-statements.js';
import type { PgClient } from './database.js';

const COUNT_TOTAL = 'UPDATE stocks SET total_count = total_count + 1 WHERE stock_id = $1 AND total_count < max_count';

const COUNT_USER = `
INSERT INTO user_counts (stock_id, user_key, count, cap) VALUES ($1, $2, 1, $3)
ON CONFLICT (stock_id, user_key) DO UPDATE SET count = user_counts.count + 1, cap = excluded.cap
WHERE user_counts.count < excluded.cap`;

const INSERT_COUPON = `${insertStatement('user_coupons', USER_COUPON_COLUMNS, 'postgres')} ON CONFLICT DO NOTHING`;
const INSERT_EVENT = insertStatement('outbox', OUTBOX_EVENT_COLUMNS, 'postgres');

/**
 * Issues coupon #k+1 inside the use transaction (D-11): stock #k+1's counters in `NEXT_ROUND_COUNTERS` order, each one
 * conditional statement, then the coupon and its SEND event. Returns why it could not, so the caller rolls back;
 * a coupon already at that index (a concurrent use of a returned coupon) is `STALE`. An UPLOAD-mode round first
 * takes its code from stock #k+1's pool; with the pool empty no round follows (D-87).
 */
export async function issueNextRound(c: PgClient, round: NextRound): Promise<LifecycleOutcome | null> {
  const code = round.fromPool ? await takeCouponCode(c, round.coupon.stockId) : undefined;
  if (code === null) return null;
  const n = code === undefined ? round : withCode(round, code);
  const k = n.coupon;
  const take: Record<Counter, () => Promise<boolean>> = {
    total: async () => (await c.query(COUNT_TOTAL, [k.stockId])).rowCount !== 0,
    day: async () => (await c.query(COUNT_DAY, [k.stockId, n.day, n.maxCountPerDay ?? NO_DAILY_CAP])).rowCount !== 0,
    user: async () => (await c.query(COUNT_USER, [k.stockId, k.userKey, n.maxCountPerUser])).rowCount !== 0,
  };
  for (const counter of NEXT_ROUND_COUNTERS) if (!(await take[counter]())) return { kind: 'REFUSED', counter };
  const inserted = await c.query(INSERT_COUPON, userCouponValues(k));
  if (inserted.rowCount === 0) return { kind: 'STALE' };
  await c.query(INSERT_EVENT, outboxEventValues(n.event));
  return null;
}

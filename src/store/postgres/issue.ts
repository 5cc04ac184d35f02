import type { StockState } from '../catalog.js';
import type { IssueCommand, IssueOutcome } from '../issuance.js';
import { type IssuanceRow, toIssuance } from '../rows/issuance.js';
import {
  ISSUANCE_COLUMNS,
  issuanceValues,
  OUTBOX_EVENT_COLUMNS,
  outboxEventValues,
  USER_COUPON_BUNDLE_COLUMNS,
  USER_COUPON_COLUMNS,
  userCouponBundleValues,
  userCouponValues,
} from '../rows/issuance-values.js';
import { insertStatement } from '../rows/statements.js';
import { type Counter, ISSUE_COUNTERS, NO_DAILY_CAP } from '../rules/counters.js';
import { COUNT_DAY } from './counter-statements.js';
import type { Database } from './database.js';

type Refusal = (typeof ISSUE_COUNTERS)[number]['refusal'];

const INSERT_ISSUANCE = `${insertStatement('issuances', ISSUANCE_COLUMNS, 'postgres')}
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

const INSERT_BUNDLE = insertStatement('user_coupon_bundles', USER_COUPON_BUNDLE_COLUMNS, 'postgres');
const INSERT_COUPON = insertStatement('user_coupons', USER_COUPON_COLUMNS, 'postgres');
const INSERT_EVENT = insertStatement('outbox', OUTBOX_EVENT_COLUMNS, 'postgres');

/**
 * The issuance transaction (design.md): bind the request number, then take one unit of each counter of stock #0
 * with conditional single-statement updates, which lock the counter rows before reading them, so concurrent
 * issuances on any number of instances queue on the row and re-check the condition on the latest value.
 * Counters are taken in `ISSUE_COUNTERS` order, so the first refusal is the one D-4 reports.
 */
export async function issueBundle(db: Database, command: IssueCommand): Promise<IssueOutcome> {
  const { issuance: i, limits } = command;
  return db.tx<IssueOutcome>(async (c, rollback) => {
    const bound = await c.query(INSERT_ISSUANCE, issuanceValues(i));
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
    // The day counter's cap is the one the total counter read, under the stock row's lock.
    let dayCap: number | undefined;
    const take: Record<Counter, () => Promise<boolean>> = {
      user: async () => (await c.query(COUNT_USER, [limits.stockId, i.userKey])).rowCount !== 0,
      total: async () => {
        const { rows } = await c.query<{ max_count_per_day: number | null }>(COUNT_TOTAL, [limits.stockId]);
        dayCap = rows[0] ? (rows[0].max_count_per_day ?? NO_DAILY_CAP) : undefined;
        return rows[0] !== undefined;
      },
      day: async () => {
        if (dayCap === undefined) throw new Error('the day counter is taken after the total counter');
        return (await c.query(COUNT_DAY, [limits.stockId, limits.day, dayCap])).rowCount !== 0;
      },
    };
    for (const { counter, refusal } of ISSUE_COUNTERS) if (!(await take[counter]())) return refuse(refusal);

    await c.query(INSERT_BUNDLE, userCouponBundleValues(command.bundle));
    await c.query(INSERT_COUPON, userCouponValues(command.coupon));
    await c.query(INSERT_EVENT, outboxEventValues(command.event));
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

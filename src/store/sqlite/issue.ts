import type { IssueCommand, IssueOutcome } from '../issuance.js';
import { ISSUE_COUNTERS, ISSUE_REFUSALS } from '../rules/counters.js';
import { withCode } from '../rules/pool-code.js';
import { insertNew, insertRecord, prepare, selectBy } from '../typed/statement.js';
import { outcomeOf, RollbackWith } from '../typed/work.js';
import { sqliteCodePool } from './code-pool.js';
import { sqliteCounters } from './counters.js';
import type { SqliteDb } from './database.js';
import type { SqliteEngine } from './engine.js';

const refuse = (outcome: IssueOutcome) => new RollbackWith<IssueOutcome>(outcome);

/**
 * The issuance transaction on SQLite (D-11, D-12). Per dialect because it is the contended one: each claim is one
 * savepoint of a group commit, its statements prepared once and run synchronously, so many claims share one fsync.
 */
export function sqliteIssuer(db: SqliteDb, e: SqliteEngine): (command: IssueCommand) => Promise<IssueOutcome> {
  const { k } = e;
  const toIssuance = e.records('issuances');
  const q = {
    issuance: e.prepared(insertNew(k, 'issuances')),
    existing: e.prepared(selectBy(k, 'issuances', 'mchid', 'brand_id', 'send_request_no')),
    caps: e.prepared(
      prepare((a: { stockId: string }) =>
        k
          .selectFrom('stocks')
          .select(['state', 'max_count_per_user', 'max_count_per_day'])
          .where('stock_id', '=', a.stockId),
      ),
    ),
    bundle: e.prepared(insertRecord(k, 'user_coupon_bundles')),
    coupon: e.prepared(insertRecord(k, 'user_coupons')),
    event: e.prepared(insertRecord(k, 'outbox')),
    claim: e.prepared(
      prepare((a: { tokenHash: string; at: string }) =>
        k
          .updateTable('tokens')
          .set({ claimed_at: a.at })
          .where('token_hash', '=', a.tokenHash)
          .where('claimed_at', 'is', null),
      ),
    ),
  };
  const takeCounters = sqliteCounters(e, true);
  const takeCode = sqliteCodePool(db);

  /** A code that names a user coupon already (a caller-assigned one, D-101) refuses the issuance. */
  const insertCoupon = (coupon: IssueCommand['coupon']) => {
    try {
      q.coupon.run(coupon);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw refuse({ kind: 'CODE_TAKEN' });
      throw error;
    }
  };

  const issue = (c: IssueCommand): IssueOutcome => {
    const { issuance: i, limits } = c;
    if (q.issuance.run(i) === 0) return { kind: 'EXISTING', issuance: toIssuance(q.existing.get(i)!) };
    const stock = q.caps.get(limits);
    if (stock?.state !== 'SENDING') throw refuse({ kind: 'NOT_AVAILABLE', state: stock?.state ?? null });
    const caps = { maxCountPerUser: stock.max_count_per_user, maxCountPerDay: stock.max_count_per_day };
    const refused = takeCounters(ISSUE_COUNTERS, { ...limits, ...caps, userKey: i.userKey });
    if (refused) throw refuse({ kind: ISSUE_REFUSALS[refused] });
    const code = c.fromPool ? takeCode(limits.stockId) : undefined;
    if (code === null) throw refuse({ kind: 'NO_CODES' });
    const { coupon, event } = code === undefined ? c : withCode(c, code);
    q.bundle.run(c.bundle);
    insertCoupon(coupon);
    q.event.run(event);
    if (c.tokenHash && q.claim.run({ tokenHash: c.tokenHash, at: i.createdAt }) === 0)
      throw new Error('token is unknown or already claimed');
    return code === undefined ? { kind: 'ISSUED' } : { kind: 'ISSUED', couponCode: code };
  };
  return (command) => e.batch(() => issue(command)).catch((error: unknown) => outcomeOf<IssueOutcome>(error));
}

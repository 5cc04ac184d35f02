import type { IssueCommand, IssueOutcome } from '../issuance.js';
import { NO_DAILY_CAP } from '../rules/counters.js';
import { type Row, recordMappers } from '../typed/records.js';
import type { Database, Prepared } from './database.js';
import { type BatchOutcome, type GroupCommitOptions, PgGroupCommit } from './group-commit.js';
import { rowObject } from './json-rows.js';

const toIssuance = recordMappers(false)('issuances');
const ISSUE: Prepared = { name: 'issue', text: 'SELECT coupond_issue($1::jsonb, $2) AS outcomes' };

/** One claim as `coupond_issue` reads it (migrations 10 and 76). */
function claimArgument(command: IssueCommand) {
  const { issuance, limits, bundle, coupon, event } = command;
  return {
    issuance: rowObject('issuances', issuance),
    stock_id: limits.stockId,
    day: limits.day,
    bundle: rowObject('user_coupon_bundles', bundle),
    coupon: rowObject('user_coupons', coupon),
    event: rowObject('outbox', event),
    token_hash: command.tokenHash ?? null,
    ...(command.fromPool ? { from_pool: true } : {}),
  };
}

type FunctionOutcome =
  | { kind: 'ISSUED'; coupon_code?: string }
  | { kind: 'SOLD_OUT' | 'DAILY_SOLD_OUT' | 'USER_LIMIT_REACHED' | 'NO_CODES' | 'CODE_TAKEN' }
  | { kind: 'NOT_AVAILABLE'; state: Extract<IssueOutcome, { kind: 'NOT_AVAILABLE' }>['state'] }
  | { kind: 'EXISTING'; issuance: Row }
  | { kind: 'RETRY' | 'ERROR'; code?: string; message: string };

function toBatchOutcome(o: FunctionOutcome): BatchOutcome<IssueOutcome> {
  switch (o.kind) {
    case 'EXISTING':
      return { ok: { kind: 'EXISTING', issuance: toIssuance(o.issuance) } };
    case 'RETRY':
      return { retry: `${o.code}: ${o.message}` };
    case 'ERROR':
      return { error: new Error(o.code ? `${o.message} (SQLSTATE ${o.code})` : o.message) };
    case 'ISSUED':
      return { ok: o.coupon_code === undefined ? { kind: 'ISSUED' } : { kind: 'ISSUED', couponCode: o.coupon_code } };
    default:
      return { ok: o };
  }
}

/**
 * The issuance transaction on PostgreSQL (D-50, D-51): claims submitted together share one call of
 * `coupond_issue`, which binds each request number, takes stock #0's per-user, total and daily counters in
 * `ISSUE_COUNTERS` order and writes the bundle, coupon #0, the SEND event and the token claim, each claim in its
 * own subtransaction. The whole call is one statement, so it commits once; a deadlock or serialization failure
 * of the call as a whole runs it again.
 */
export function pgIssuer(db: Database, options: GroupCommitOptions = {}) {
  const call = async (commands: IssueCommand[]): Promise<BatchOutcome<IssueOutcome>[]> => {
    const [row] = await db.call<{ outcomes: FunctionOutcome[] }>(ISSUE, [
      JSON.stringify(commands.map(claimArgument)),
      NO_DAILY_CAP,
    ]);
    return row!.outcomes.map(toBatchOutcome);
  };
  const committer = new PgGroupCommit('issue', call, options);
  return (command: IssueCommand): Promise<IssueOutcome> => committer.submit(command);
}

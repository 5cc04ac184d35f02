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
import { NO_DAILY_CAP } from '../rules/counters.js';
import { type Database, sqlState } from './database.js';
import { type BatchOutcome, type GroupCommitOptions, PgGroupCommit } from './group-commit.js';

/** A row as a JSON object keyed by column, from an insert's column list and values (JSON columns as values). */
function rowObject(columns: string, values: unknown[], json: Record<string, unknown> = {}) {
  const row: Record<string, unknown> = {};
  for (const [n, column] of columns.split(', ').entries()) row[column] = values[n];
  return Object.assign(row, json);
}

/** One claim as `coupond_issue` reads it (migrations 10 and 76). */
function claimArgument(command: IssueCommand) {
  const { issuance, limits, bundle, coupon, event } = command;
  return {
    issuance: rowObject(ISSUANCE_COLUMNS, issuanceValues(issuance)),
    stock_id: limits.stockId,
    day: limits.day,
    bundle: rowObject(USER_COUPON_BUNDLE_COLUMNS, userCouponBundleValues(bundle)),
    coupon: rowObject(USER_COUPON_COLUMNS, userCouponValues(coupon), {
      coupon_tag_info: coupon.couponTagInfo ?? undefined,
      detail: coupon.detail,
    }),
    event: rowObject(OUTBOX_EVENT_COLUMNS, outboxEventValues(event), { resource: event.resource }),
    token_hash: command.tokenHash ?? null,
    ...(command.fromPool ? { from_pool: true } : {}),
  };
}

type FunctionOutcome =
  | { kind: 'ISSUED'; coupon_code?: string }
  | { kind: 'SOLD_OUT' | 'DAILY_SOLD_OUT' | 'USER_LIMIT_REACHED' | 'NO_CODES' }
  | { kind: 'NOT_AVAILABLE'; state: Extract<IssueOutcome, { kind: 'NOT_AVAILABLE' }>['state'] }
  | { kind: 'EXISTING'; issuance: IssuanceRow }
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

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * The issuance transaction on PostgreSQL (D-50, D-51): claims submitted together share one call of
 * `coupond_issue`, which binds each request number, takes stock #0's per-user, total and daily counters in
 * `ISSUE_COUNTERS` order and writes the bundle, coupon #0, the SEND event and the token claim, each claim in its
 * own subtransaction. The whole call is one statement, so it commits once; a deadlock or serialization failure
 * of the call as a whole runs it again.
 */
export function pgIssuer(db: Database, options: GroupCommitOptions = {}) {
  const attempts = options.maxAttempts ?? 5;
  const call = async (commands: IssueCommand[]): Promise<BatchOutcome<IssueOutcome>[]> => {
    const argument = JSON.stringify(commands.map(claimArgument));
    for (let n = 1; ; n++) {
      try {
        const [row] = await db.query<{ outcomes: FunctionOutcome[] }>(
          'SELECT coupond_issue($1::jsonb, $2) AS outcomes',
          [argument, NO_DAILY_CAP],
        );
        return row!.outcomes.map(toBatchOutcome);
      } catch (error) {
        if (n >= attempts || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
      }
    }
  };
  const committer = new PgGroupCommit(call, options);
  return (command: IssueCommand): Promise<IssueOutcome> => committer.submit(command);
}

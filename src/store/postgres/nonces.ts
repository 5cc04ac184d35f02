import type { Database, Prepared } from './database.js';
import { type BatchOutcome, type GroupCommitOptions, PgGroupCommit } from './group-commit.js';

/**
 * One statement for a batch of pairs, in key order so that batches of several instances cannot deadlock. A pair is
 * new if absent, or present but expired at the batch's earliest `now` (never later than any caller's own `now`).
 */
const REMEMBER_ALL: Prepared = {
  name: 'nonce',
  text: `
INSERT INTO nonces (mchid, nonce, expires_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
ON CONFLICT (mchid, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= $4
RETURNING mchid, nonce`,
};

/**
 * Deletes a bounded batch of expired nonces, oldest first; rows another instance is deleting are skipped, not waited
 * for. The order makes the expiry index the plan whatever the table's statistics say: without it, a planner that
 * expects many expired rows scans the whole window to find none.
 */
export const PRUNE = `
DELETE FROM nonces WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM nonces WHERE expires_at <= $1 ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED
))`;

interface NonceCheck {
  mchid: string;
  nonce: string;
  now: Date;
  expiresAt: Date;
}

const keyOf = (c: { mchid: string; nonce: string }) => `${c.mchid}\n${c.nonce}`;

/** The batch's distinct pairs in key order; a pair asked twice in one batch is new at most once, for its first asker. */
function distinctSorted(checks: NonceCheck[]): NonceCheck[] {
  const first = new Map<string, NonceCheck>();
  for (const c of checks) if (!first.has(keyOf(c))) first.set(keyOf(c), c);
  return [...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

function rememberAll(db: Database) {
  return async (checks: NonceCheck[]): Promise<BatchOutcome<boolean>[]> => {
    const rows = distinctSorted(checks);
    const earliest = new Date(Math.min(...checks.map((c) => c.now.getTime())));
    const fresh = await db.query<{ mchid: string; nonce: string }>(REMEMBER_ALL, [
      rows.map((c) => c.mchid),
      rows.map((c) => c.nonce),
      rows.map((c) => c.expiresAt),
      earliest,
    ]);
    const stored = new Set(fresh.map(keyOf));
    return checks.map((c) => ({ ok: stored.delete(keyOf(c)) }));
  };
}

/**
 * Replay nonces shared by every instance (D-17), group-committed like token inserts (D-57): checks that arrive while
 * earlier ones are in flight share one statement and one commit. Every `pruneEvery`-th batch also drops a batch of
 * expired rows, so the table stays at about one window of traffic.
 */
export function postgresNonces(db: Database, pruneEvery = 64, options: GroupCommitOptions = {}) {
  const remember = rememberAll(db);
  let batches = 0;
  const committer = new PgGroupCommit(
    'nonce',
    async (checks: NonceCheck[]) => {
      const outcomes = await remember(checks);
      if (++batches % pruneEvery === 0) await db.query(PRUNE, [checks[0]!.now]);
      return outcomes;
    },
    options,
  );
  return (mchid: string, nonce: string, now: Date, expiresAt: Date): Promise<boolean> =>
    committer.submit({ mchid, nonce, now, expiresAt });
}

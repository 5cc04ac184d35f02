import type { Database } from './database.js';
import { type GroupCommitOptions, PgGroupCommit } from './group-commit.js';

/** Lookups by primary key that may run at once: reads hold no locks, so more of them overlap than writes. */
const READS_IN_FLIGHT = 4;

/** One lookup: its key columns, in the order of the statement's arrays. */
type Key = readonly string[];

const joined = (key: Key) => key.join('\n');

/**
 * Point reads gathered like writes (D-58): lookups that arrive while earlier ones are in flight become one
 * statement over `unnest` of their keys. `sql` takes one text array per key column and returns each row with its
 * key columns first, named as in `keyColumns`; it is kept on each connection under the name `kind` (D-132). Each
 * caller gets its own row, or null.
 */
export function pointReads<R extends object>(
  db: Database,
  kind: string,
  sql: string,
  keyColumns: readonly (keyof R & string)[],
  options: GroupCommitOptions = {},
) {
  const statement = { name: kind, text: sql };
  const committer = new PgGroupCommit<Key, R | null>(
    kind,
    async (keys) => {
      const columns = keyColumns.map((_, n) => keys.map((k) => k[n]!));
      const rows = await db.query<R>(statement, columns);
      const byKey = new Map(rows.map((r) => [joined(keyColumns.map((c) => String(r[c]))), r]));
      return keys.map((k) => ({ ok: byKey.get(joined(k)) ?? null }));
    },
    { ...options, maxInFlight: Math.max(options.maxInFlight ?? 0, READS_IN_FLIGHT) },
  );
  return (...key: Key): Promise<R | null> => committer.submit(key);
}

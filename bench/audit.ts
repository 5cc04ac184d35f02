import Database from 'better-sqlite3';
import pg from 'pg';

/** Rows of one query, whatever the database. */
export type Query = (sql: string, values: string[]) => Promise<Record<string, unknown>[]>;

/** Queries on a server's database: its SQLite file (read-only), or its PostgreSQL schema. */
export async function openQuery(
  dbPath: string | null,
  url: string,
  schema: string,
): Promise<{ q: Query; close: () => Promise<void> }> {
  if (dbPath) {
    const db = new Database(dbPath, { readonly: true });
    return {
      q: async (sql, values) => db.prepare(sql.replace(/\$\d+/g, '?')).all(...values) as never,
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return { q: async (sql, values) => (await client.query(sql, values)).rows, close: () => client.end() };
}

export interface Audit {
  totalCount: number;
  maxCount: number;
  bundles: number;
  coupons: number;
  userCounts: number;
  dayCounts: number;
  claimedTokens: number;
  events: number;
  overUserCap: number;
}

const one = async (query: Query, sql: string, values: string[]) =>
  Number(Object.values((await query(sql, values))[0] ?? {})[0] ?? 0);

/**
 * What the database holds for the hot bundle's stock #0 after a run (same SQL on SQLite and PostgreSQL; the run
 * issues from no other bundle, so every SEND event is one of its issuances).
 */
export async function auditHotBundle(query: Query, stockId: string, stockBundleId: string): Promise<Audit> {
  const [stock] = await query('SELECT total_count, max_count FROM stocks WHERE stock_id = $1', [stockId]);
  return {
    totalCount: Number(stock?.total_count),
    maxCount: Number(stock?.max_count),
    bundles: await one(query, 'SELECT count(*) FROM user_coupon_bundles WHERE stock_bundle_id = $1', [stockBundleId]),
    coupons: await one(query, 'SELECT count(*) FROM user_coupons WHERE stock_id = $1', [stockId]),
    userCounts: await one(query, 'SELECT coalesce(sum(count), 0) FROM user_counts WHERE stock_id = $1', [stockId]),
    dayCounts: await one(query, 'SELECT coalesce(sum(count), 0) FROM stock_day_counts WHERE stock_id = $1', [stockId]),
    claimedTokens: await one(
      query,
      'SELECT count(*) FROM tokens WHERE stock_bundle_id = $1 AND claimed_at IS NOT NULL',
      [stockBundleId],
    ),
    events: await one(query, 'SELECT count(*) FROM outbox', []),
    overUserCap: await one(query, 'SELECT count(*) FROM user_counts WHERE count > cap AND stock_id = $1', [stockId]),
  };
}

/** The D-12 checks of a run: counters equal rows, nothing oversold, every RECEIVED answer is an issued bundle. */
export function auditFailures(a: Audit, received: number): string[] {
  const failures: string[] = [];
  const equal = {
    bundles: a.bundles,
    coupons: a.coupons,
    'user counters': a.userCounts,
    'day counters': a.dayCounts,
    'claimed tokens': a.claimedTokens,
    'SEND events': a.events,
    'answered RECEIVED': received,
  };
  for (const [name, value] of Object.entries(equal))
    if (value !== a.totalCount) failures.push(`total_count ${a.totalCount} ≠ ${name} ${value}`);
  if (a.totalCount > a.maxCount) failures.push(`oversold: total_count ${a.totalCount} > max_count ${a.maxCount}`);
  if (a.overUserCap > 0) failures.push(`${a.overUserCap} users over their cap`);
  return failures;
}

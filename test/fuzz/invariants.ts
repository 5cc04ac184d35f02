import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/store/port.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { openTestStore, randomSchema, TEST_DATABASE_URL } from '../store/postgres-database.js';

/** Plain SQL on a store's own tables, beside the adapter. */
export interface SqlProbe {
  all(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A store on the adapter `COUPOND_TEST_STORE` picks, whose tables a second connection can read. */
export interface ProbedStore {
  adapter: 'sqlite' | 'postgres';
  store: Store;
  /** Opens the second connection (after the store has created its tables). */
  probe(): Promise<SqlProbe>;
  cleanup(): void;
}

export async function openProbedStore(): Promise<ProbedStore> {
  if (process.env.COUPOND_TEST_STORE === 'postgres') {
    const schema = randomSchema();
    return {
      adapter: 'postgres',
      store: await openTestStore({ schema }),
      probe: () => postgresProbe(schema),
      cleanup() {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'coupond-fuzz-'));
  const file = join(dir, 'coupond.db');
  return {
    adapter: 'sqlite',
    store: createSqliteStore(file),
    probe: async () => sqliteProbe(file),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function sqliteProbe(file: string): SqlProbe {
  const db = new Database(file);
  return {
    all: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
    run: async (sql) => {
      db.prepare(sql).run();
    },
    close: async () => {
      db.close();
    },
  };
}

async function postgresProbe(schema: string): Promise<SqlProbe> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    all: async (sql) => (await client.query(sql)).rows,
    run: async (sql) => {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

const count = (sql: string) => `(SELECT COUNT(*) FROM ${sql})`;

/** Each query returns the rows that break one rule; every rule must return none. */
const RULES: Record<string, (today: string) => string> = {
  'stock counter ≠ issued coupons, or over max_count, or day counters not summing to it': () => `
    SELECT * FROM (SELECT s.stock_id, s.total_count, s.max_count,
      ${count('user_coupons u WHERE u.stock_id = s.stock_id')} AS issued,
      (SELECT COALESCE(SUM(d.count), 0) FROM stock_day_counts d WHERE d.stock_id = s.stock_id) AS day_sum
    FROM stocks s) x WHERE total_count <> issued OR total_count > max_count OR day_sum <> total_count`,
  "today's count over the stock's daily cap or its own cap": (today) => `
    SELECT d.stock_id, d.day, d.count, d.cap, s.max_count_per_day FROM stock_day_counts d
    JOIN stocks s ON s.stock_id = d.stock_id
    WHERE d.count > d.cap OR (d.day = '${today}' AND s.max_count_per_day IS NOT NULL AND d.count > s.max_count_per_day)`,
  'user counter ≠ issued coupons or over max_count_per_user': () => `
    SELECT * FROM (SELECT c.stock_id, c.user_key, c.count, s.max_count_per_user,
      ${count('user_coupons u WHERE u.stock_id = c.stock_id AND u.user_key = c.user_key')} AS issued
    FROM user_counts c JOIN stocks s ON s.stock_id = c.stock_id) x
    WHERE count <> issued OR count > max_count_per_user`,
  'issued coupons without a user counter': () => `
    SELECT u.stock_id, u.user_key, COUNT(*) AS issued FROM user_coupons u
    LEFT JOIN user_counts c ON c.stock_id = u.stock_id AND c.user_key = u.user_key
    WHERE c.stock_id IS NULL GROUP BY u.stock_id, u.user_key`,
  'issuance without its user coupon bundle, or the other way round': () => `
    SELECT i.send_request_no, b.user_coupon_bundle_id FROM issuances i
    FULL OUTER JOIN user_coupon_bundles b ON b.user_coupon_bundle_id = i.user_coupon_bundle_id
    WHERE i.user_coupon_bundle_id IS NULL OR b.user_coupon_bundle_id IS NULL`,
  'user coupon bundle without coupon #0': () => `
    SELECT b.user_coupon_bundle_id FROM user_coupon_bundles b
    WHERE NOT EXISTS (SELECT 1 FROM user_coupons u WHERE u.user_coupon_bundle_id = b.user_coupon_bundle_id AND u.idx = 0)`,
  'claimed token without its issuance': () => `
    SELECT t.send_request_no FROM tokens t WHERE t.claimed_at IS NOT NULL AND NOT EXISTS
      (SELECT 1 FROM issuances i WHERE i.mchid = t.mchid AND i.brand_id = t.brand_id AND i.send_request_no = t.send_request_no)`,
  'code pool counts ≠ the pooled codes, or a pool code issued without being taken (D-85, D-86)': () => `
    SELECT * FROM (SELECT s.stock_id, c.total_count, c.available_count,
      ${count('coupon_codes p WHERE p.stock_id = s.stock_id')} AS pooled,
      ${count('coupon_codes p WHERE p.stock_id = s.stock_id AND p.taken = 0')} AS untaken,
      ${count('coupon_codes p JOIN user_coupons u ON u.coupon_code = p.coupon_code WHERE p.stock_id = s.stock_id AND p.taken = 0')} AS issued_untaken
    FROM stocks s LEFT JOIN coupon_code_counts c ON c.stock_id = s.stock_id) x
    WHERE COALESCE(total_count, 0) <> pooled OR COALESCE(available_count, 0) <> untaken OR issued_untaken > 0`,
  'UPLOAD-mode coupon whose code was not taken from its own stock’s pool': () => `
    SELECT u.coupon_code, u.stock_id FROM user_coupons u JOIN stocks s ON s.stock_id = u.stock_id
    WHERE CAST(s.data AS TEXT) LIKE '%"coupon_code_mode":%"UPLOAD"%'
      AND NOT EXISTS (SELECT 1 FROM coupon_codes p WHERE p.coupon_code = u.coupon_code AND p.stock_id = u.stock_id AND p.taken = 1)`,
  'used_count ≠ coupons in state USED': () => `
    SELECT * FROM (SELECT b.user_coupon_bundle_id, b.used_count,
      ${count(`user_coupons u WHERE u.user_coupon_bundle_id = b.user_coupon_bundle_id AND u.state = 'USED'`)} AS used
    FROM user_coupon_bundles b) x WHERE used_count <> used`,
};

/** The D-12 invariants, read straight from the tables: one line per broken rule, none when they all hold. */
export async function invariantViolations(probe: SqlProbe, today: string): Promise<string[]> {
  const found: string[] = [];
  for (const [rule, sql] of Object.entries(RULES)) {
    const rows = await probe.all(sql(today));
    if (rows.length > 0) found.push(`${rule}: ${JSON.stringify(rows.slice(0, 5))}`);
  }
  return found;
}

/** How much the run issued, so a passing invariant check is known not to be vacuous. */
export async function issuedCoupons(probe: SqlProbe): Promise<number> {
  const [row] = await probe.all('SELECT COUNT(*) AS n FROM user_coupons');
  return Number(row?.n ?? 0);
}

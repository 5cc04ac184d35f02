/**
 * The console's per-hour issuance series (D-61) with 1,000,000 issued coupons of one product coupon, all inside the
 * 48 hours the chart shows (the worst case), on SQLite and PostgreSQL. The series reads the `issuance_hours`
 * counters; the baseline, measured in the same run, is the same 48 counts by a `GROUP BY` hour over the product
 * coupon's coupons, which is what the series would cost without the counters. Run: `npm run bench:console`
 * (PostgreSQL from COUPOND_TEST_DATABASE_URL; skipped when unreachable; `COUPONS=…` to change the volume).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { TestClock } from '../src/domain/clock.js';
import { randomIds } from '../src/domain/ids.js';
import { issuanceSeries } from '../src/services/console/series.js';
import type { ServiceDeps } from '../src/services/deps.js';
import type { Store } from '../src/store/port.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { createCatalog } from '../test/fixtures/catalog.js';
import { issueCommand } from '../test/store/contract/fixtures.js';
import { dropSchema, postgresReachable, randomSchema, TEST_DATABASE_URL } from '../test/store/postgres-database.js';

const COUPONS = Number(process.env.COUPONS ?? 1_000_000);
const RUNS = 20;
const NOW = new Date('2026-03-01T12:30:00+08:00');
/** From the start of the chart's first hour (47 whole hours before the current one) to now. */
const START_S = Math.floor(NOW.getTime() / 3_600_000) * 3600 - 47 * 3600;
const WINDOW_S = NOW.getTime() / 1000 - START_S;

interface Target {
  name: string;
  store: Store;
  seed(sql: string, values: Record<string, string | number>): Promise<void>;
  /** The baseline: 48 hourly counts by grouping every coupon of the product coupon since the window's start. */
  groupByHour(productCouponId: string, from: string): Promise<unknown>;
  close(): Promise<void>;
}

/** One coupon per row, `i` from 0, created evenly over the chart's window, newest last. */
const couponRow = (ts: string) => `'C' || lpad_i, 'B' || (i / 1000), i % 1000, :stock, :pc, :sb, :mchid, :brand,
  'o' || (i % 50000), :appid, 'o' || (i % 50000), 'EFFECTIVE', ${ts}, :end, ${ts}, 'S' || i, 'API', '{}', ${ts}, ${ts}`;
const COUPON_COLUMNS = `coupon_code, user_coupon_bundle_id, idx, stock_id, product_coupon_id, stock_bundle_id, mchid,
  brand_id, openid, appid, user_key, state, valid_begin_time, valid_end_time, receive_time, send_request_no, channel,
  detail, created_at, updated_at`;

async function sqliteTarget(): Promise<Target> {
  const file = join(mkdtempSync(join(tmpdir(), 'coupond-console-')), 'coupond.db');
  const store = createSqliteStore(file);
  const db = new Database(file);
  return {
    name: 'SQLite',
    store,
    async seed(sql, values) {
      const used = Object.fromEntries(Object.entries(values).filter(([k]) => sql.includes(`:${k}`)));
      db.prepare(sql.replaceAll(/:(\w+)/g, (whole, name: string) => (name in values ? `@${name}` : whole))).run(used);
    },
    async groupByHour(id, from) {
      return db
        .prepare(
          `SELECT substr(created_at, 1, 13) AS hour, COUNT(*) AS n FROM user_coupons NOT INDEXED
           WHERE product_coupon_id = ? AND created_at >= ? GROUP BY hour`,
        )
        .all(id, from);
    },
    async close() {
      db.close();
      await store.close();
    },
  };
}

async function postgresTarget(): Promise<Target | null> {
  if (!(await postgresReachable())) return null;
  const schema = randomSchema();
  const store = await createPostgresStore(TEST_DATABASE_URL, { schema });
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    name: 'PostgreSQL',
    store,
    async seed(sql, values) {
      const names: string[] = [];
      const text = sql.replaceAll(/:(\w+)/g, (whole, name: string) => {
        if (!(name in values)) return whole;
        if (!names.includes(name)) names.push(name);
        return `$${names.indexOf(name) + 1}`;
      });
      await client.query(
        text,
        names.map((n) => values[n]),
      );
      await client.query('VACUUM ANALYZE user_coupons');
    },
    async groupByHour(id, from) {
      await client.query('BEGIN');
      await client.query(
        'SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_bitmapscan = off',
      );
      const { rows } = await client.query(
        `SELECT left(created_at, 13) AS hour, COUNT(*) AS n FROM user_coupons
         WHERE product_coupon_id = $1 AND created_at >= $2 GROUP BY hour`,
        [id, from],
      );
      await client.query('COMMIT');
      return rows;
    },
    async close() {
      await client.end();
      await store.close();
      await dropSchema(schema);
    },
  };
}

const SQL = {
  sqlite: {
    ts: `strftime('%Y-%m-%dT%H:%M:%S', :start + i * :step, 'unixepoch', '+8 hours') || '+08:00'`,
    series: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :last)`,
    pad: `printf('%021d', i)`,
  },
  postgres: {
    ts: `to_char(to_timestamp(:start::float8 + i * :step::float8) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00'`,
    series: 'WITH n(i) AS (SELECT generate_series(0, :last))',
    pad: `lpad(i::text, 21, '0')`,
  },
};

async function seed(target: Target, dialect: keyof typeof SQL) {
  const { coupon, bundle, stocks } = await createCatalog(target.store, { maxCount: 100_000_000 });
  const d = SQL[dialect];
  const values = {
    stock: stocks[0]!.stockId,
    pc: coupon.productCouponId,
    sb: bundle.stockBundleId,
    mchid: coupon.mchid,
    brand: coupon.brandId,
    appid: 'wx0000000000000001',
    end: '2027-03-01T00:00:00+08:00',
    start: START_S,
    step: WINDOW_S / COUPONS,
    last: COUPONS - 1,
  };
  const bundles = `${d.series.replace(':last', String(Math.ceil(COUPONS / 1000) - 1))}
INSERT INTO user_coupon_bundles (user_coupon_bundle_id, mchid, brand_id, product_coupon_id, stock_bundle_id, openid,
  appid, user_key, send_request_no, channel, total_count, used_count, state, created_at, updated_at)
SELECT 'B' || i, :mchid, :brand, :pc, :sb, 'o' || i, :appid, 'o' || i, 'S' || i, 'API', 1, 0, 'ACTIVE', :end, :end FROM n`;
  await target.seed(bundles, values);
  const coupons = `${d.series}, p(i, lpad_i) AS (SELECT i, ${d.pad} FROM n)
INSERT INTO user_coupons (${COUPON_COLUMNS}) SELECT ${couponRow(d.ts)} FROM p`;
  await target.seed(coupons, values);
  return coupon.productCouponId;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

for (const [make, dialect] of [
  [sqliteTarget, 'sqlite'],
  [postgresTarget, 'postgres'],
] as const) {
  const target = await make();
  if (!target) {
    process.stdout.write('PostgreSQL unreachable: skipped\n');
    continue;
  }
  const seeding = performance.now();
  const id = await seed(target, dialect);
  const seeded = ((performance.now() - seeding) / 1000).toFixed(1);
  const deps: ServiceDeps = { store: target.store, clock: new TestClock(), ids: randomIds, sandbox: true };
  (deps.clock as TestClock).freeze(NOW);
  const series = await issuanceSeries(deps, id, 'hour');
  const total = series.counts.reduce((a, b) => a + b, 0);
  const hourly = await time(() => issuanceSeries(deps, id, 'hour'));
  const baseline = await time(() => target.groupByHour(id, series.buckets[0]!));
  const daily = await time(() => issuanceSeries(deps, id, 'day'));
  process.stdout.write(
    `${target.name}: ${COUPONS.toLocaleString('en')} coupons seeded in ${seeded} s, ${total.toLocaleString('en')} in the 48 h window\n` +
      `  per-hour series (counters)   p50 ${hourly.p50.toFixed(1)} ms  p95 ${hourly.p95.toFixed(1)} ms\n` +
      `  baseline GROUP BY coupons    p50 ${baseline.p50.toFixed(1)} ms  p95 ${baseline.p95.toFixed(1)} ms  (series/baseline ${(hourly.p50 / baseline.p50).toFixed(2)})\n` +
      `  per-day series (30 days)     p50 ${daily.p50.toFixed(1)} ms  p95 ${daily.p95.toFixed(1)} ms\n`,
  );
  await target.close();
}

/**
 * What the hour counter costs a claim: the issuance transaction with and without the trigger, alternated three
 * times in one run, best of each (SQLite).
 */
async function triggerCost(): Promise<void> {
  const CLAIMS = 20_000;
  const file = join(mkdtempSync(join(tmpdir(), 'coupond-console-')), 'coupond.db');
  const store = createSqliteStore(file, { synchronous: 'NORMAL' });
  const db = new Database(file);
  const { stocks } = await createCatalog(store, { maxCount: 100_000_000 });
  /** 100 claims share a commit, as under load (`npm run bench:store`), so the statements are what is timed. */
  const claims = async () => {
    const commands = Array.from({ length: CLAIMS }, () => issueCommand(stocks));
    const started = performance.now();
    for (let i = 0; i < CLAIMS; i += 100)
      await Promise.all(commands.slice(i, i + 100).map((c) => store.issueBundle(c)));
    return ((performance.now() - started) * 1000) / CLAIMS;
  };
  const trigger = (
    db.prepare("SELECT sql FROM sqlite_master WHERE name = 'user_coupons_count_hour'").get() as {
      sql: string;
    }
  ).sql;
  await claims();
  const best = { with: Number.POSITIVE_INFINITY, without: Number.POSITIVE_INFINITY };
  for (let round = 0; round < 3; round++) {
    best.with = Math.min(best.with, await claims());
    db.exec('DROP TRIGGER user_coupons_count_hour');
    best.without = Math.min(best.without, await claims());
    db.exec(trigger);
  }
  const [withTrigger, without] = [best.with, best.without];
  process.stdout.write(
    `SQLite issuance transaction: ${withTrigger.toFixed(1)} µs/claim with the hour counter, ${without.toFixed(1)} without (ratio ${(withTrigger / without).toFixed(2)})\n`,
  );
  db.close();
  await store.close();
}

await triggerCost();

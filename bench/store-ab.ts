/**
 * Same-run A/B of the store: an earlier checkout (`BASE`, with node_modules) against this one, on one database per
 * dialect, calls interleaved one by one so load swings on the machine hit both alike. Times the console's
 * aggregates, the webhook log and a dispatcher round (claim 64 events, 8 per merchant, begin and finish each).
 * Run: `BASE=/path/to/earlier/checkout npm run bench:store-ab -- sqlite|postgres` (`EVENTS`, `N` to change sizes).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Store } from '../src/store/port.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { createCatalog } from '../test/fixtures/catalog.js';
import { DAY, issueCommand } from '../test/store/contract/fixtures.js';
import { dropSchema, randomSchema, TEST_DATABASE_URL } from '../test/store/postgres-database.js';

if (!process.env.BASE) throw new Error('BASE must name a checkout of the earlier version');
const base = (path: string) => import(resolve(process.env.BASE!, path));
const EVENTS = Number(process.env.EVENTS ?? 3000);
const dialect = process.argv[2] ?? 'sqlite';
let A: Store;
let B: Store;
let cleanup = async () => {};
if (dialect === 'sqlite') {
  const file = join(mkdtempSync(join(tmpdir(), 'coupond-ab-')), 'coupond.db');
  A = (await base('src/store/sqlite/index.ts')).createSqliteStore(file);
  B = createSqliteStore(file);
} else {
  const schema = randomSchema();
  A = await (await base('src/store/postgres/index.ts')).createPostgresStore(TEST_DATABASE_URL, {
    schema,
    cache: false,
  });
  B = await createPostgresStore(TEST_DATABASE_URL, { schema, cache: false });
  cleanup = () => dropSchema(schema);
}
// Seed through A: 40 product coupons, EVENTS issued coupons spread over 20 merchants' lanes.
const catalogs: Awaited<ReturnType<typeof createCatalog>>[] = [];
for (let i = 0; i < 40; i++) catalogs.push(await createCatalog(A, { maxCount: 1_000_000 }));
for (let i = 0; i < EVENTS; i += 100) {
  await Promise.all(
    Array.from({ length: 100 }, (_, j) => {
      const c = issueCommand(catalogs[(i + j) % 40]!.stocks, { openid: `o${(i + j) % 500}`, userKey: `o${i + j}` });
      c.event.mchid = `M${(i + j) % 20}`;
      return A.issueBundle(c);
    }),
  );
}
const pc = catalogs[0]!.coupon.productCouponId;
const reads: Record<string, (s: Store) => Promise<unknown>> = {
  overview: (s) => s.consoleOverview(DAY),
  summaries: (s) => s.listProductCouponSummaries({ offset: 0, limit: 20 }),
  summariesByMode: (s) => s.listProductCouponSummaries({ mode: 'PROGRESSIVE_BUNDLE', offset: 0, limit: 20 }),
  perHour: (s) => s.countIssuedPerHour(pc, '2026-02-27T00', '2026-03-02T00'),
  perDay: (s) => s.countIssuedPerDay(pc, '2026-02-01', '2026-03-02'),
  holdings: (s) => s.listUserHoldings('o7', 100),
  deliveries: (s) => s.listDeliveries({ offset: 0, limit: 50 }),
  deliveriesByMerchant: (s) => s.listDeliveries({ mchid: 'M3', state: 'PENDING', offset: 0, limit: 50 }),
};
let lease = Date.parse('2026-03-01T00:00:00Z');
/** One dispatcher round: claim 64 (8 per merchant), begin and finish each (they retry later, out of the way). */
async function deliveryRound(s: Store) {
  const now = new Date(lease).toISOString();
  lease += 1000;
  const until = new Date(lease + 60_000).toISOString();
  const claimed = await s.claimDueEvents('2026-03-02T00:00:00+08:00', now, until, 64, 8);
  await Promise.all(
    claimed.map(async (d) => {
      const a = {
        eventId: d.eventId,
        attempt: d.attempts + 1,
        url: 'http://x/',
        requestId: 'r',
        startedAt: now,
        durationMs: 1,
        status: null,
        error: 'no answer yet',
        response: null,
      };
      const later = { state: 'PENDING' as const, nextAttemptAt: '2027-01-01T00:00:00+08:00', deliveredAt: null };
      await s.beginDeliveryAttempt(a, later, until);
      await s.finishDeliveryAttempt({ ...a, status: 500, error: null, response: 'x' }, later);
    }),
  );
  return claimed.length;
}
const once = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const results: Record<string, { A: number[]; B: number[] }> = {};
for (const s of [A, B]) for (const f of Object.values(reads)) await f(s); // warm-up
const N = Number(process.env.N ?? 200);
// Interleaved call by call (order alternating), so load swings on the machine hit both sides alike.
for (const [name, f, n] of [
  ...Object.entries(reads).map(([k, f]) => [k, f, N] as const),
  ['delivery round (64)', deliveryRound, 24] as const,
]) {
  const r = { A: [] as number[], B: [] as number[] };
  results[name] = r;
  for (let i = 0; i < n; i++) {
    if (i % 2) {
      r.B.push(await once(() => f(B)));
      r.A.push(await once(() => f(A)));
    } else {
      r.A.push(await once(() => f(A)));
      r.B.push(await once(() => f(B)));
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${dialect}: ${EVENTS} coupons/events, calls interleaved, median ms per call`);
for (const [name, { A: a, B: b }] of Object.entries(results))
  console.log(
    `  ${name.padEnd(22)} before ${median(a).toFixed(3).padStart(8)}  after ${median(b).toFixed(3).padStart(8)}  after/before ${(median(b) / median(a)).toFixed(2)}`,
  );
await A.close();
await B.close();
await cleanup();

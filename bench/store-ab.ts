/**
 * Same-run A/B of the store: an earlier checkout (`BASE`, with node_modules) against this one, on one database per
 * dialect, calls interleaved one by one so load swings on the machine hit both alike. Times the console's
 * aggregates, the webhook log, a dispatcher round (claim 64 events, 8 per merchant, begin and finish each) and the
 * hot path: 50 concurrent claims, 50 concurrent pre-sends (their lookups and the token insert), 50 confirms.
 * Run: `BASE=/path/to/earlier/checkout npm run bench:store-ab -- sqlite|postgres` (`EVENTS`, `N` to change sizes).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IssueCommand } from '../src/store/issuance.js';
import type { Store } from '../src/store/port.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { createCatalog, request } from '../test/fixtures/catalog.js';
import { DAY, issueCommand, tokenFor } from '../test/store/contract/fixtures.js';
import { CONFIRM, transition } from '../test/store/contract/lifecycle-fixtures.js';
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
// The hot path: each side issues from a stock of its own, so neither waits on the other's counters.
const WRITES = 24;
const hot = new Map<Store, Awaited<ReturnType<typeof createCatalog>>['stocks']>();
for (const s of [A, B]) hot.set(s, (await createCatalog(s, { maxCount: 100_000_000 })).stocks);
const fifty = (f: () => Promise<unknown>) => Promise.all(Array.from({ length: 50 }, f));
/** Coupons each side confirms, issued before the timing. */
const toConfirm = new Map<Store, IssueCommand['coupon'][]>();
for (const s of [A, B]) {
  const commands = Array.from({ length: 50 * (WRITES + 1) }, () => issueCommand(hot.get(s)!));
  await Promise.all(commands.map((c) => s.issueBundle(c)));
  toConfirm.set(
    s,
    commands.map((c) => c.coupon),
  );
}
const writes: Record<string, (s: Store) => Promise<unknown>> = {
  'claims (50 at once)': (s) => fifty(() => s.issueBundle(issueCommand(hot.get(s)!))),
  'pre-sends (50 at once)': (s) =>
    fifty(async () => {
      const c = issueCommand(hot.get(s)!);
      const i = c.issuance;
      await Promise.all([
        s.getIssuance(i.mchid, i.brandId, i.sendRequestNo),
        s.getUserCount(c.limits.stockId, i.userKey),
      ]);
      const token = tokenFor(c);
      await s.insertToken(token);
      await s.getToken(token.tokenHash);
    }),
  'confirms (50 at once)': (s) =>
    fifty(() => s.confirmUserCoupon(request(CONFIRM), transition(toConfirm.get(s)!.pop()!, 'EFFECTIVE'))),
};
/** Wall and CPU (this process: the adapter's own work, not the database server's) ms of one call. */
const once = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  const cpu = process.cpuUsage();
  await f();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
};
type Timing = Awaited<ReturnType<typeof once>>;
const results: Record<string, { A: Timing[]; B: Timing[] }> = {};
for (const s of [A, B]) for (const f of [...Object.values(reads), ...Object.values(writes)]) await f(s); // warm-up
const N = Number(process.env.N ?? 200);
// Interleaved call by call (order alternating), so load swings on the machine hit both sides alike.
for (const [name, f, n] of [
  ...Object.entries(reads).map(([k, f]) => [k, f, N] as const),
  ['delivery round (64)', deliveryRound, WRITES] as const,
  ...Object.entries(writes).map(([k, f]) => [k, f, WRITES] as const),
]) {
  const r = { A: [] as Timing[], B: [] as Timing[] };
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
const median = (xs: Timing[], of: keyof Timing) => xs.map((x) => x[of]).sort((a, b) => a - b)[xs.length >> 1]!;
const column = (a: Timing[], b: Timing[], of: keyof Timing) =>
  `before ${median(a, of).toFixed(3).padStart(8)}  after ${median(b, of).toFixed(3).padStart(8)}  ${(median(b, of) / median(a, of)).toFixed(2)}`;
console.log(`${dialect}: ${EVENTS} coupons/events, calls interleaved, median ms per call (wall; CPU of this process)`);
for (const [name, { A: a, B: b }] of Object.entries(results))
  console.log(`  ${name.padEnd(22)} wall ${column(a, b, 'wall')}   cpu ${column(a, b, 'cpu')}`);
await A.close();
await B.close();
await cleanup();

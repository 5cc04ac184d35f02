/**
 * The PostgreSQL store alone (no HTTP, one process, `BENCH_IN_FLIGHT` calls at once): claims per second on one hot
 * stock and spread over many bundles (what one primary takes before request handling costs anything), pre-send
 * token inserts, and uses that issue the next round. Ratios are against the spread claims of the same run.
 * Run: `npm run bench:pg-store` (BENCH_CLAIMS, BENCH_IN_FLIGHT, BENCH_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../src/store/port.js';
import { openDatabase } from '../src/store/postgres/database.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { issuanceLookups } from '../src/store/postgres/issuance.js';
import { postgresNonces } from '../src/store/postgres/nonces.js';
import { createCatalog, request } from '../test/fixtures/catalog.js';
import { issueCommand, tokenFor } from '../test/store/contract/fixtures.js';
import { confirm, issue, nextRound, transition, USE } from '../test/store/contract/lifecycle-fixtures.js';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 4000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const BUNDLES = 32;
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `work(i)` for i < count with `IN_FLIGHT` at once; operations per second. */
async function rate(count: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return count / ((performance.now() - started) / 1000);
}

/** Claims per `issue` call over `stores` while `work` runs (D-131). */
async function claimsPerCall(stores: Store[], work: () => Promise<number>) {
  const issueCounts = () => stores.map((s) => s.batchCounts().issue ?? { calls: 0, commands: 0 });
  const before = issueCounts();
  const perSecond = await work();
  const after = issueCounts();
  const calls = after.reduce((n, c, i) => n + c.calls - before[i]!.calls, 0);
  const commands = after.reduce((n, c, i) => n + c.commands - before[i]!.commands, 0);
  return { perSecond, perCall: commands / calls };
}

/**
 * The hot stock through one store, then through three stores on the same schema taking turns (three instances'
 * group commits without their HTTP): what sharing the claims out does to the batches and to the database.
 */
async function hotStockShared(store: Store) {
  const others = await Promise.all([1, 2].map(() => createPostgresStore(URL, { schema, cache: false })));
  try {
    const stores = [store, ...others];
    const hot = await createCatalog(store, { maxCount: 100_000_000 });
    const commands = Array.from({ length: 2 * CLAIMS }, () => issueCommand(hot.stocks));
    const one = await claimsPerCall([store], () => rate(CLAIMS, (i) => store.issueBundle(commands[i]!)));
    const three = await claimsPerCall(stores, () =>
      rate(CLAIMS, (i) => stores[i % 3]!.issueBundle(commands[CLAIMS + i]!)),
    );
    return { one, three };
  } finally {
    await Promise.all(others.map((s) => s.close()));
  }
}

async function phases(store: Store) {
  const hot = await createCatalog(store, { maxCount: 100_000_000 });
  const many = await Promise.all(
    Array.from({ length: BUNDLES }, () => createCatalog(store, { maxCount: 100_000_000 })),
  );
  const hotCommands = Array.from({ length: CLAIMS }, () => issueCommand(hot.stocks));
  const spreadCommands = Array.from({ length: CLAIMS }, (_, i) => issueCommand(many[i % BUNDLES]!.stocks));
  const spread = await rate(CLAIMS, (i) => store.issueBundle(spreadCommands[i]!));
  const oneHot = await rate(CLAIMS, (i) => store.issueBundle(hotCommands[i]!));
  const tokens = Array.from({ length: CLAIMS }, () => tokenFor(issueCommand(hot.stocks)));
  const inserts = await rate(CLAIMS, (i) => store.insertToken(tokens[i]!));
  const uses = CLAIMS / 4;
  const issued = await Promise.all(
    Array.from({ length: uses }, async (_, i) => {
      const one = await issue(store, many[i % BUNDLES]!);
      return { one, effective: await confirm(store, one.coupon) };
    }),
  );
  const useRate = await rate(uses, (i) => {
    const { one, effective } = issued[i]!;
    const next = nextRound(one, effective);
    return store.useUserCoupon(request(USE), {
      transition: transition(effective, 'USED'),
      userCouponBundleId: one.bundleId,
      next,
    });
  });
  return { spread, oneHot, inserts, useRate, ...(await replayChecks(store)), shared: await hotStockShared(store) };
}

/**
 * Replay checks and pre-send's lookups (an issuance by request number, a per-user count), one statement each (what
 * every signed request paid before D-57 and D-58) against the store's own.
 */
async function replayChecks(store: Store) {
  const db = openDatabase(URL, { schema });
  const single = postgresNonces(db, 64, { maxBatch: 1, maxInFlight: IN_FLIGHT });
  const oneEach = issuanceLookups(db, { maxBatch: 1, maxInFlight: IN_FLIGHT });
  const lookups = (l: Pick<Store, 'getIssuance' | 'getUserCount'>) => async (i: number) => {
    await l.getIssuance('1900000001', 'brand', `no-${i}`);
    await l.getUserCount('stock', `user-${i}`);
  };
  const check = (remember: typeof single, tag: string) => (i: number) => {
    const now = new Date();
    return remember('1900000001', `${tag}-${i}`, now, new Date(now.getTime() + 300_000));
  };
  try {
    const nonceSingle = await rate(CLAIMS, check(single, randomBytes(4).toString('hex')));
    const nonceGrouped = await rate(CLAIMS, check(store.rememberNonce, randomBytes(4).toString('hex')));
    const lookupSingle = await rate(CLAIMS, lookups(oneEach));
    const lookupGrouped = await rate(CLAIMS, lookups(store));
    return { nonceSingle, nonceGrouped, lookupSingle, lookupGrouped };
  } finally {
    await db.close();
  }
}

const schema = `coupond_bench_${randomBytes(4).toString('hex')}`;
const store = await createPostgresStore(URL, { schema });
try {
  const r = await phases(store);
  const line = (name: string, v: number) =>
    process.stdout.write(
      `${name.padEnd(34)} ${v.toFixed(0).padStart(6)}/s  ratio to spread claims ${(v / r.spread).toFixed(2)}\n`,
    );
  process.stdout.write(`PostgreSQL store, ${CLAIMS} claims, ${IN_FLIGHT} in flight\n`);
  line(`claims over ${BUNDLES} bundles (baseline)`, r.spread);
  line('claims on one hot stock', r.oneHot);
  line('pre-send token inserts', r.inserts);
  line('uses issuing the next round', r.useRate);
  line('replay checks, one statement each', r.nonceSingle);
  line('replay checks, group-committed', r.nonceGrouped);
  line('pre-send lookups, one statement each', r.lookupSingle);
  line('pre-send lookups, gathered', r.lookupGrouped);
  process.stdout.write(`replay checks grouped / one each: ${(r.nonceGrouped / r.nonceSingle).toFixed(2)}\n`);
  process.stdout.write(`pre-send lookups gathered / one each: ${(r.lookupGrouped / r.lookupSingle).toFixed(2)}\n`);
  const { one, three } = r.shared;
  process.stdout.write(
    `hot stock, one store: ${one.perSecond.toFixed(0)}/s at ${one.perCall.toFixed(1)} claims per call; ` +
      `three stores: ${three.perSecond.toFixed(0)}/s at ${three.perCall.toFixed(1)}; three / one ${(three.perSecond / one.perSecond).toFixed(2)}\n`,
  );
} finally {
  await store.close();
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
}

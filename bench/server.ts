/**
 * The server under benchmark, in its own process: coupond on a file SQLite database (synchronous=FULL), or on
 * PostgreSQL when `BENCH_DATABASE_URL` is set (schema `BENCH_SCHEMA`), rate limits off, plus baseline routes
 * measured in the same run and a setup route that mints claim tokens off the clock. The first process seeds the
 * tenant and the bundle; processes started with `BENCH_JOIN` (the first one's info line) share them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { buildApp } from '../src/api/app.js';
import { PathTable } from '../src/api/path-table.js';
import { registerWechatScope } from '../src/api/v3.js';
import { registerEndpoint, type WechatRouter } from '../src/api/wechat-route.js';
import { systemClock } from '../src/domain/clock.js';
import { randomIds } from '../src/domain/ids.js';
import { defineEndpoint } from '../src/schemas/endpoint.js';
import { bootstrap, createDemoTenant } from '../src/services/bootstrap.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { preSend } from '../src/services/issuance/presend.js';
import type { Store } from '../src/store/port.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { seedBundle } from '../test/fixtures/catalog.js';

interface Seeded {
  merchant: { mchid: string; serial: string; privateKey: string; brandId: string; appid: string };
  bundle: { productCouponId: string; stockBundleId: string; stockIds: string[] };
}

const databaseUrl = process.env.BENCH_DATABASE_URL;
const dbPath = databaseUrl ? null : join(mkdtempSync(join(tmpdir(), 'coupond-bench-')), 'coupond.db');
const store: Store = databaseUrl
  ? await createPostgresStore(databaseUrl, {
      schema: process.env.BENCH_SCHEMA ?? 'coupond_bench',
      ...(process.env.BENCH_GROUP_COMMIT ? { groupCommit: JSON.parse(process.env.BENCH_GROUP_COMMIT) } : {}),
    })
  : createSqliteStore(dbPath!, { synchronous: 'FULL' });
const deps: ServiceDeps = { store, clock: systemClock, ids: randomIds, sandbox: false };

async function seed(): Promise<Seeded> {
  if (process.env.BENCH_JOIN) {
    // Only the tenant and the bundle: the first process's info line also holds its own address.
    const { merchant, bundle } = JSON.parse(process.env.BENCH_JOIN) as Seeded;
    return { merchant, bundle };
  }
  await bootstrap(deps);
  const demo = (await createDemoTenant(deps))!;
  // A budget large enough for every benchmark claim.
  const target = {
    store,
    clock: deps.clock,
    merchant: { mchid: demo.mchid, brandId: demo.brand_id, appid: demo.appid },
    baseURL: 'http://127.0.0.1/',
  };
  const bundle = await seedBundle(target, { maxCount: 100_000_000 });
  return {
    merchant: {
      mchid: demo.mchid,
      serial: demo.serial_no,
      privateKey: demo.private_key!,
      brandId: demo.brand_id,
      appid: demo.appid,
    },
    bundle,
  };
}
const seeded = await seed();
const { merchant, bundle } = seeded;
const withJobs = process.env.BENCH_JOBS === '1';
const app = await buildApp({ store, rateLimits: null, logLevel: 'warn', backgroundJobs: withJobs });

const signedEcho = defineEndpoint({
  name: 'benchSignedEcho',
  summary: 'baseline: verify the request, sign the response',
  method: 'POST',
  path: '/bench/signed-echo',
  body: Type.Object({}, { additionalProperties: true }),
  response: Type.Object({ ok: Type.Boolean() }),
  rate: 'user',
});
const router: WechatRouter = { ctx: app.ctx, limiter: null, paths: new PathTable(), faults: null };
app.server.get('/bench/bare', async () => ({ ok: true }));
// The baseline runs in a scope like /v3's (raw bodies, signed answers), so it costs what a WeChat route's pipeline costs.
await app.server.register(async (scope) => {
  registerWechatScope(scope, app.ctx);
  registerEndpoint(scope, router, signedEcho, async () => ({ ok: true }));
  scope.post('/bench/tokens', async (request) => {
    const { count, prefix } = JSON.parse(request.rawBody?.toString() ?? '{}') as { count: number; prefix: string };
    const mint = (i: number) =>
      preSend(deps, merchant.mchid, `${prefix}-${i}`, {
        brand_id: merchant.brandId,
        appid: merchant.appid,
        product_coupon_id: bundle.productCouponId,
        stock_bundle_id: bundle.stockBundleId,
        send_request_no: `${prefix}_${i}`,
      }).then((r) => r.token);
    const tokens: string[] = [];
    for (let i = 0; i < count; i += 500)
      tokens.push(...(await Promise.all(Array.from({ length: Math.min(500, count - i) }, (_, k) => mint(i + k)))));
    return { tokens };
  });
});
app.server.get('/bench/cpu', async () => process.cpuUsage());
/** Forget the peak RSS of the set-up (minting tokens), so the peak reported is that of the load phases. */
app.server.post('/bench/reset-peak', async () => {
  writeFileSync('/proc/self/clear_refs', '5');
  return { ok: true };
});
app.server.get('/bench/gc', async () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
});
app.server.get('/bench/state', async () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const stock = await store.getStock(bundle.stockIds[0]!, '1970-01-01');
  const m = process.memoryUsage();
  return {
    rss_mb: kb('VmRSS') / 1024,
    peak_rss_mb: kb('VmHWM') / 1024,
    heap_mb: m.heapTotal / 2 ** 20,
    heap_used_mb: m.heapUsed / 2 ** 20,
    external_mb: m.external / 2 ** 20,
    array_buffers_mb: m.arrayBuffers / 2 ** 20,
    // Anonymous memory is the heap and native allocations; file-backed is mapped files (SQLite's -shm, code).
    rss_anon_mb: kb('RssAnon') / 1024,
    rss_file_mb: kb('RssFile') / 1024,
    issued: stock?.totalCount ?? 0,
  };
});

const address = await app.server.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ address, dbPath, ...seeded })}\n`);
process.once('SIGTERM', async () => {
  await app.server.close();
  await store.close();
  process.exit(0);
});

/**
 * A soak of one coupond process under mixed signed load: rounds of pre-sends, the claims of their tokens and signed
 * reads (a user's coupon list), on 127.0.0.1, bounded by `SOAK_SECONDS` (default 600) and `SOAK_REQUESTS` (default
 * 600,000). After every round it samples the server's memory: RSS split into anonymous (JS heap and native
 * allocations) and file-backed (mapped files), the V8 heap, external memory, and the rows of the replay-nonce
 * window, so a growing RSS can be told apart. SQLite by default; `SOAK_DATABASE_URL=postgres://…` for PostgreSQL.
 * Run: `npm run soak`. Audits the hot bundle at the end like bench:postgres.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { auditFailures, auditHotBundle, openQuery } from './audit.js';
import { bundleServer } from './bundle-server.js';
import { type ServerState, startCluster } from './cluster.js';
import { claimPhase, preSendPhase, runPhase } from './load.js';
import { preSendRequest, requestSigner } from './signed-requests.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const MAX_REQUESTS = Number(process.env.SOAK_REQUESTS ?? 600_000);
const ROUND_USERS = Number(process.env.SOAK_ROUND_USERS ?? 1000);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 32);
const DATABASE_URL = process.env.SOAK_DATABASE_URL;
const PREFIX = '/v3/marketing/partner/product-coupon';

const out = (text: string) => process.stdout.write(`${text}\n`);
const schema = `coupond_soak_${randomBytes(4).toString('hex')}`;

const env = { ...process.env, ...(DATABASE_URL ? { BENCH_DATABASE_URL: DATABASE_URL, BENCH_SCHEMA: schema } : {}) };
if (!DATABASE_URL) delete env.BENCH_DATABASE_URL;
const cluster = await startCluster(await bundleServer(), 1, env);
const server = cluster.servers[0]!;
const { merchant, bundle } = server;
const db = await openQuery(server.dbPath, DATABASE_URL ?? '', schema);
const nonceRows = async () => Number((await db.q('SELECT count(*) AS n FROM nonces', []))[0]!.n);
const mb = (v: number) => v.toFixed(0).padStart(5);
const sample = (s: ServerState, t: number, requests: number, rps: number, nonces: number) =>
  out(
    `${t.toFixed(0).padStart(5)} s ${String(requests).padStart(8)} req ${rps.toFixed(0).padStart(5)}/s  RSS ${mb(s.rss_mb)} MB (anon ${mb(s.rss_anon_mb)}, file ${mb(s.rss_file_mb)})  heap ${mb(s.heap_used_mb)}/${mb(s.heap_mb)} MB  external ${mb(s.external_mb)} MB  nonce rows ${nonces}`,
  );

let received = 0;
let requests = 0;
let round = 0;
let peak = 0;
const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
try {
  out(`soak: ${SECONDS} s or ${MAX_REQUESTS} requests, ${ROUND_USERS} users a round, ${CONNECTIONS} connections`);
  sample((await cluster.state())[0]!, 0, 0, 0, await nonceRows());
  while (elapsed() < SECONDS && requests < MAX_REQUESTS) {
    round += 1;
    const roundStart = performance.now();
    const sign = requestSigner(merchant);
    const openid = (i: number) => `o-soak-${round}-${i}`;
    const presend = Array.from({ length: ROUND_USERS }, (_, i) =>
      preSendRequest(sign, merchant, bundle, openid(i), `SOAK_${round}_${i}`),
    );
    const reads = Array.from({ length: ROUND_USERS }, (_, i) =>
      sign('GET', `${PREFIX}/users/${openid(i)}/coupons?appid=${merchant.appid}&brand_id=${merchant.brandId}`, ''),
    );
    const tokens: string[] = [];
    const run = (phase: Parameters<typeof runPhase>[1]) => runPhase([server.address], phase, CONNECTIONS, 60);
    // autocannon prepares one request ahead on each connection: leave those spare so no signed request goes twice.
    const spare = CONNECTIONS;
    const p = await run(preSendPhase(presend, spare, tokens));
    const c = await run(
      claimPhase(tokens, spare, () => {
        received += 1;
      }),
    );
    const r = await run({ name: 'read', requests: reads, stopAfterRequests: reads.length - spare });
    const answered = [p, c, r].reduce((n, x) => n + x.ok + x.non2xx, 0);
    requests += answered;
    const s = (await cluster.state())[0]!;
    peak = Math.max(peak, s.peak_rss_mb);
    sample(s, elapsed(), requests, answered / ((performance.now() - roundStart) / 1000), await nonceRows());
  }
  const audit = await auditHotBundle(db.q, bundle.stockIds[0]!, bundle.stockBundleId);
  const failures = auditFailures(audit, received);
  out(`${round} rounds, ${requests} requests in ${elapsed().toFixed(0)} s; peak RSS ${peak.toFixed(0)} MB`);
  out(
    failures.length ? `AUDIT FAILED: ${failures.join('; ')}` : 'audit: counters = rows, 0 oversold, issued = RECEIVED',
  );
  process.exitCode = failures.length ? 1 : 0;
} finally {
  await db.close();
  await cluster.stop();
  if (DATABASE_URL) {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
  }
}

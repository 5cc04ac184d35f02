/**
 * One hot bundle on SQLite ×1, PostgreSQL ×1 and PostgreSQL ×3 (separate processes on one schema), one after
 * another: N distinct users are pre-sent (signed) and their tokens then claimed through
 * `POST /component/v1/tokens/{token}/claim`, at 64 connections spread over the processes. Every figure sits next
 * to a signed baseline route of the same processes, measured in the same run. After each run the database is
 * audited: counters = rows, nothing oversold, issued = answered RECEIVED. Run: `npm run bench:postgres`.
 */

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { auditFailures, auditHotBundle, openQuery, type Query } from './audit.js';
import { batchTotals, describeBatches } from './batches.js';
import { bundleServer } from './bundle-server.js';
import { startCluster } from './cluster.js';
import { claimPhase, type PhaseResult, preSendPhase, runPhase } from './load.js';
import { measureDatabaseOf } from './process-cpu.js';
import { preSendRequest, requestSigner } from './signed-requests.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const USERS = Number(process.env.BENCH_USERS ?? 12_000);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** Requests of each kind every process answers before the measured round (0: measure cold processes). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** `BENCH_AB=1` adds PostgreSQL with every request a call of its own and with `synchronous_commit=off`. */
const OFF = { BENCH_GROUP_COMMIT: JSON.stringify({ maxBatch: 1, maxInFlight: 10 }) };
const ASYNC = { BENCH_DATABASE_URL: `${DATABASE_URL}?options=${encodeURIComponent('-c synchronous_commit=off')}` };
const SETUPS = [
  { name: 'SQLite ×1', processes: 1, postgres: false, env: {} },
  { name: 'PostgreSQL ×1', processes: 1, postgres: true, env: {} },
  { name: 'PostgreSQL ×3', processes: 3, postgres: true, env: {} },
  ...(process.env.BENCH_AB
    ? [
        { name: 'PostgreSQL ×1, no group commit', processes: 1, postgres: true, env: OFF },
        { name: 'PostgreSQL ×3, no group commit', processes: 3, postgres: true, env: OFF },
        { name: 'PostgreSQL ×3, synchronous_commit=off', processes: 3, postgres: true, env: ASYNC },
      ]
    : []),
].filter((s) => !process.env.BENCH_ONLY || s.name.startsWith(process.env.BENCH_ONLY));

interface SetupResult {
  name: string;
  echo: PhaseResult;
  presend: PhaseResult;
  claim: PhaseResult;
  received: number;
  peakRss: number[];
  /** Requests per group-committed database call in the measured round, by kind. */
  batches: string;
  failures: string[];
}

const out = (text: string) => process.stdout.write(`${text}\n`);

async function withQuery<T>(dbPath: string | null, schema: string, work: (q: Query) => Promise<T>): Promise<T> {
  const db = await openQuery(dbPath, DATABASE_URL, schema);
  try {
    return await work(db.q);
  } finally {
    await db.close();
  }
}

async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
}

type Cluster = Awaited<ReturnType<typeof startCluster>>;

interface Round {
  echo: PhaseResult;
  presend: PhaseResult;
  claim: PhaseResult;
  received: number;
  refusals: Set<string>;
}

/**
 * `count` signed baseline requests, then `count` pre-sends to distinct users (`prefix` names them and their
 * request numbers), then a claim of every token those pre-sends returned, at CONNECTIONS over every process.
 */
async function runRound(cluster: Cluster, prefix: string, count: number): Promise<Round> {
  const addresses = cluster.servers.map((s) => s.address);
  const { merchant, bundle } = cluster.servers[0]!;
  const sign = requestSigner(merchant);
  const echo = Array.from({ length: count }, () => sign('POST', '/bench/signed-echo', '{}'));
  const presend = Array.from({ length: count }, (_, i) =>
    preSendRequest(sign, merchant, bundle, `o-${prefix}-${i}`, `${prefix.toUpperCase()}_${String(i).padStart(6, '0')}`),
  );
  const run = (phase: Parameters<typeof runPhase>[1]) => runPhase(addresses, phase, CONNECTIONS, MAX_SECONDS);
  // autocannon prepares one request ahead on each connection: leave those spare, so no signed request is sent twice.
  const spare = CONNECTIONS;
  const echoR = await run({ name: 'signed baseline', requests: echo, stopAfterRequests: echo.length - spare });
  const tokens: string[] = [];
  const refusals = new Set<string>();
  const presendR = await run(
    preSendPhase(presend, spare, tokens, (status, body) => {
      if (refusals.size < 3) refusals.add(`${status} ${body.slice(0, 120)}`);
    }),
  );
  let received = 0;
  const claimR = await run(
    claimPhase(tokens, spare, () => {
      received += 1;
    }),
  );
  return { echo: echoR, presend: presendR, claim: claimR, received, refusals };
}

async function runSetup(serverBundle: string, setup: (typeof SETUPS)[number]): Promise<SetupResult> {
  const schema = `coupond_bench_${randomBytes(4).toString('hex')}`;
  const env = {
    ...process.env,
    ...(setup.postgres ? { BENCH_DATABASE_URL: DATABASE_URL, BENCH_SCHEMA: schema } : {}),
    ...setup.env,
  };
  if (!setup.postgres) delete env.BENCH_DATABASE_URL;
  const cluster = await startCluster(serverBundle, setup.processes, env);
  try {
    const { bundle } = cluster.servers[0]!;
    // A checkpoint now, so that no setup's measured round pays for one (full-page writes) when another's does not.
    if (setup.postgres)
      await withQuery(null, schema, async (q) => {
        await q('CHECKPOINT', []);
        const [backend] = await q('SELECT pg_backend_pid() AS pid', []);
        measureDatabaseOf(Number(backend!.pid));
      });
    // Each process compiles its hot code on its own: warm every one with the same number of requests first.
    const warm = WARMUP > 0 ? await runRound(cluster, 'warm', WARMUP * setup.processes) : null;
    if (warm)
      out(
        `\n${setup.name}: warm-up of ${WARMUP} requests of each kind per process: baseline ${warm.echo.rps.toFixed(0)}/s, pre-send ${warm.presend.rps.toFixed(0)}/s, claim ${warm.claim.rps.toFixed(0)}/s`,
      );
    await cluster.resetPeak();
    const addresses = cluster.servers.map((s) => s.address);
    const batchesBefore = await batchTotals(addresses);
    const round = await runRound(cluster, 'hot', USERS);
    const batches = describeBatches(batchesBefore, await batchTotals(addresses));
    const received = round.received + (warm?.received ?? 0);
    const states = await cluster.state();
    const audit = await withQuery(cluster.servers[0]!.dbPath, schema, (q) =>
      auditHotBundle(q, bundle.stockIds[0]!, bundle.stockBundleId),
    );
    const failures = auditFailures(audit, received);
    for (const phase of [round.echo, round.presend, round.claim])
      if (phase.non2xx > 0) failures.push(`${phase.non2xx} ${phase.name} requests not answered 200`);
    if (round.refusals.size > 0) out(`  answers other than 200: ${[...round.refusals].join(' | ')}`);
    return {
      name: setup.name,
      echo: round.echo,
      presend: round.presend,
      claim: round.claim,
      received,
      peakRss: states.map((s) => s.peak_rss_mb),
      batches,
      failures,
    };
  } finally {
    await cluster.stop();
    if (setup.postgres) await dropSchema(schema);
  }
}

const serverBundle = await bundleServer();
const results: SetupResult[] = [];
for (const setup of SETUPS) {
  const r = await runSetup(serverBundle, setup);
  results.push(r);
  const ratio = r.presend.rps / r.echo.rps;
  out(`\n${r.name} (${USERS} users, ${CONNECTIONS} connections)`);
  for (const p of [r.echo, r.presend, r.claim])
    out(
      `  ${p.name.padEnd(16)} ${p.rps.toFixed(0).padStart(6)}/s  p50 ${p.p50} ms  p99 ${p.p99} ms  non-2xx ${p.non2xx}  CPU µs/req: server ${p.cpuPerRequestUs.toFixed(0)}, database ${p.databaseCpuPerRequestUs.toFixed(0)}, load ${p.loadCpuPerRequestUs.toFixed(0)}; ${p.switchesPerRequest.toFixed(1)} switches/req; ${p.busyCores.toFixed(2)} cores busy`,
    );
  out(
    `  pre-send / signed baseline = ${ratio.toFixed(2)}; RECEIVED ${r.received}; peak RSS ${r.peakRss.map((m) => `${m.toFixed(0)} MB`).join(', ')}`,
  );
  out(`  requests per database call: ${r.batches}`);
  out(
    r.failures.length
      ? `  AUDIT FAILED: ${r.failures.join('; ')}`
      : '  audit: counters = rows, 0 oversold, issued = RECEIVED',
  );
}

const by = (name: string) => results.find((r) => r.name === name);
const sqlite = by('SQLite ×1');
const pg1 = by('PostgreSQL ×1');
const pg3 = by('PostgreSQL ×3');
const checks: [string, number | undefined, number, 'min' | 'max'][] = [
  ['PG×3 claims / SQLite×1 claims', pg3 && sqlite && pg3.claim.rps / sqlite.claim.rps, 0.8, 'min'],
  ['PG×3 claims / PG×1 claims', pg3 && pg1 && pg3.claim.rps / pg1.claim.rps, 0.9, 'min'],
  ['PG×3 claim p99 (ms)', pg3?.claim.p99, 200, 'max'],
  ['PG×3 pre-send / its signed baseline', pg3 && pg3.presend.rps / pg3.echo.rps, 0.8, 'min'],
  ['PG×1 pre-send / SQLite×1 pre-send', pg1 && sqlite && pg1.presend.rps / sqlite.presend.rps, 0.8, 'min'],
  ['peak RSS of any process (MB)', Math.max(...results.flatMap((r) => r.peakRss)), 200, 'max'],
];
const pg1Off = by('PostgreSQL ×1, no group commit');
const pg3Off = by('PostgreSQL ×3, no group commit');
const pg3Async = by('PostgreSQL ×3, synchronous_commit=off');
const comparisons: [string, number | undefined][] = [
  ['PG×1 pre-send, group commit on / off', pg1 && pg1Off && pg1.presend.rps / pg1Off.presend.rps],
  ['PG×3 pre-send, group commit on / off', pg3 && pg3Off && pg3.presend.rps / pg3Off.presend.rps],
  ['PG×1 claims, group commit on / off', pg1 && pg1Off && pg1.claim.rps / pg1Off.claim.rps],
  ['PG×3 claims, group commit on / off', pg3 && pg3Off && pg3.claim.rps / pg3Off.claim.rps],
  ['PG×3 claims, synchronous_commit off / on', pg3 && pg3Async && pg3Async.claim.rps / pg3.claim.rps],
  ['PG×3 pre-send, synchronous_commit off / on', pg3 && pg3Async && pg3Async.presend.rps / pg3.presend.rps],
];
out('');
for (const [name, value] of comparisons) if (value !== undefined) out(`      ${name} = ${value.toFixed(2)}`);
for (const [name, value, target, kind] of checks) {
  if (value === undefined || !Number.isFinite(value)) continue;
  const met = kind === 'min' ? value >= target : value <= target;
  out(`${met ? 'MET ' : 'MISS'}  ${name} = ${value.toFixed(2)}  (target ${kind === 'min' ? '≥' : '≤'} ${target})`);
}
const failed = results.filter((r) => r.failures.length > 0);
out(failed.length ? `AUDIT FAILED in ${failed.map((r) => r.name).join(', ')}` : 'audit passed after every run');
process.exitCode = failed.length ? 1 : 0;

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimUnderLoad,
  expectEachClaimedOnce,
  isSystemError,
  type LoadReport,
  postgresCount,
  waitUntilReady,
} from './claim-load.js';
import { CoupondProcess } from './coupond-process.js';
import { PrivateCluster } from './private-postgres.js';
import { skipUnlessPrivateCluster } from './skip.js';

const TOKENS = 160;

const timedReadyz = async (origin: string) => {
  const started = performance.now();
  const res = await fetch(`${origin}/readyz`);
  return { status: res.status, ms: performance.now() - started };
};

/** coupond (default timeouts) on a private PostgreSQL cluster that is restarted, has its backends killed, stalls. */
describe.skipIf(skipUnlessPrivateCluster())('PostgreSQL faults under a claim load', () => {
  let cluster: PrivateCluster;
  let proc: CoupondProcess;

  beforeAll(async () => {
    cluster = await PrivateCluster.start();
    proc = await CoupondProcess.start({ DATABASE_URL: cluster.url });
  }, 60_000);

  afterAll(async () => {
    await proc?.stop();
    await cluster?.destroy();
  });

  it('a restart of PostgreSQL during claims: the server stays up, answers SYSTEM_ERROR meanwhile, recovers', async () => {
    const tokens = await proc.tokens(TOKENS, 'restart');
    const report = await claimUnderLoad(proc, tokens, { concurrency: 8, spacingMs: 25 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await cluster.restart();
    });
    expect(proc.alive, proc.stderr).toBe(true);
    expect(report.unexpected).toEqual([]);
    expect(report.unanswered).toBe(0);
    expect(report.failed.length).toBeGreaterThan(0);
    await waitUntilReady(proc.origin, 10_000);
    await expectEachClaimedOnce(proc, postgresCount(cluster.url), { tokens, requestPrefix: 'RESTART_' }, report);
  });

  it('backends terminated during claims: the same', async () => {
    const tokens = await proc.tokens(TOKENS, 'terminate');
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    const report = await claimUnderLoad(proc, tokens, { concurrency: 8, spacingMs: 25 }, async () => {
      for (let round = 0; round < 5; round++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
        );
      }
    });
    await admin.end();
    expect(proc.alive, proc.stderr).toBe(true);
    expect(report.unexpected).toEqual([]);
    expect(report.unanswered).toBe(0);
    await waitUntilReady(proc.origin, 10_000);
    await expectEachClaimedOnce(proc, postgresCount(cluster.url), { tokens, requestPrefix: 'TERMINATE_' }, report);
  });

  it('a stalled PostgreSQL (SIGSTOP): claims fail fast, /readyz answers 503 within 2 s, all recovers on SIGCONT', async () => {
    const tokens = await proc.tokens(40, 'stall');
    cluster.pause();
    try {
      const during = await Promise.all([
        ...tokens.slice(0, 20).map(async (token, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 150));
          return proc.claim(token);
        }),
      ]);
      const probes = [await timedReadyz(proc.origin), await timedReadyz(proc.origin)];
      await new Promise((resolve) => setTimeout(resolve, 2000));
      probes.push(await timedReadyz(proc.origin));
      for (const claim of during) {
        expect(isSystemError(claim.status, claim.body), JSON.stringify(claim.body)).toBe(true);
        expect(claim.ms).toBeLessThan(6500);
      }
      for (const probe of probes) expect(probe).toMatchObject({ status: 503, ms: expect.any(Number) });
      expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(2000);
    } finally {
      cluster.resume();
    }
    expect(proc.alive, proc.stderr).toBe(true);
    expect(await waitUntilReady(proc.origin, 5000)).toBeLessThan(5000);
    const none: LoadReport = { received: new Map(), failed: [], unexpected: [], unanswered: 0, slowestFailureMs: 0 };
    await expectEachClaimedOnce(proc, postgresCount(cluster.url), { tokens, requestPrefix: 'STALL_' }, none);
  });
});

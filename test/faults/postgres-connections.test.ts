import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimUnderLoad, expectEachClaimedOnce, waitUntilReady } from './claim-load.js';
import { CoupondProcess } from './coupond-process.js';
import { PrivateCluster } from './private-postgres.js';
import { skipUnlessPrivateCluster } from './skip.js';

const TOKENS = 240;

/** coupond on a private PostgreSQL cluster that is restarted and has its backends killed under a claim load. */
describe.skipIf(skipUnlessPrivateCluster())('PostgreSQL connections dropped under load', () => {
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
    await expectEachClaimedOnce(proc, cluster.url, { tokens, requestPrefix: 'RESTART_' }, report);
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
    await expectEachClaimedOnce(proc, cluster.url, { tokens, requestPrefix: 'TERMINATE_' }, report);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/domain/clock.js';
import { setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { sendBundle } from '../lifecycle/helpers.js';
import { invariantViolations, openProbedStore, type ProbedStore, type SqlProbe } from './invariants.js';
import { seeded } from './world.js';

let opened: ProbedStore;
let c: Running;
let probe: SqlProbe;
let stockId: string;

beforeAll(async () => {
  opened = await openProbedStore();
  c = await startCoupond({ store: opened.store });
  probe = await opened.probe();
  await setNotifyUrl(c, `${c.baseURL}sandbox/v1/notify-sink`);
  const catalog = await seeded(c, { maxCount: 10, maxCountPerUser: 2 });
  stockId = catalog.stockIds[0]!;
  for (const openid of ['oInv_1', 'oInv_2', 'oInv_2']) await sendBundle(c, catalog, openid);
});

afterAll(async () => {
  await probe?.close();
  await c?.close();
  opened?.cleanup();
});

const today = () => shanghaiDay(c.clock.now());

describe(`the D-12 invariant check the fuzz suite ends with (${process.env.COUPOND_TEST_STORE ?? 'sqlite'})`, () => {
  it('finds nothing wrong after ordinary issuance', async () => {
    expect(await invariantViolations(probe, today())).toEqual([]);
  });

  it('reports a stock counter that no longer equals the issued coupons', async () => {
    await probe.run(`UPDATE stocks SET total_count = total_count + 1 WHERE stock_id = '${stockId}'`);
    try {
      const found = await invariantViolations(probe, today());
      expect(found.join('\n')).toMatch(/^stock counter ≠ issued coupons/);
    } finally {
      await probe.run(`UPDATE stocks SET total_count = total_count - 1 WHERE stock_id = '${stockId}'`);
    }
  });

  it('reports a user counter that no longer equals the user’s coupons', async () => {
    await probe.run(`UPDATE user_counts SET count = count - 1 WHERE stock_id = '${stockId}' AND count = 2`);
    try {
      expect((await invariantViolations(probe, today())).join('\n')).toMatch(/^user counter ≠ issued coupons/);
    } finally {
      await probe.run(
        `UPDATE user_counts SET count = count + 1 WHERE stock_id = '${stockId}' AND count = 1 AND user_key LIKE '%oInv_2'`,
      );
    }
  });
});

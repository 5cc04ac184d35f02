import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { postgresReachable } from '../store/postgres-database.js';
import { type Instances, startInstances } from './instances.js';

interface Answer {
  result: string;
  user_coupon_bundle_id?: string;
  /** The instance that answered, and whether it answered after the kill. */
  instance: number;
  afterKill: boolean;
}

/** One of three `coupond serve` processes is killed with SIGKILL in the middle of a claim load. */
describe.skipIf(!(await postgresReachable()))('kill -9 of one of three instances during a claim load', () => {
  let m: Instances;
  beforeAll(async () => {
    m = await startInstances(3);
  }, 120_000);
  afterAll(() => m?.close());

  it('loses no claim answered RECEIVED, oversells nothing, and the survivors carry on', async () => {
    const budget = 250;
    const s = await seedBundle(m.seedTarget(), { maxCount: budget });
    const tokens: string[] = [];
    for (let i = 0; i < 400; i += 50)
      tokens.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, async (_, k) => {
            const n = i + k;
            const res = await m.send(n % 3, 'POST', `/users/o-kill-${n}/pre-send-coupon-bundle`, {
              brand_id: m.creds.brand_id,
              appid: m.creds.appid,
              product_coupon_id: s.productCouponId,
              stock_bundle_id: s.stockBundleId,
              send_request_no: `KILL_${String(n).padStart(5, '0')}`,
            });
            expect(res.status).toBe(200);
            return ((await res.json()) as { token: string }).token;
          }),
        )),
      );

    // A load balancer's view: a claim that gets no answer (connection refused or reset) is sent to the next instance.
    const victim = m.processes[2]!;
    const alive = [true, true, true];
    const answers = new Map<string, Answer>();
    const queue = [...tokens];
    const claimOnce = async (token: string, first: number): Promise<void> => {
      for (let attempt = 0, i = first; attempt < 12; attempt++, i = (i + 1) % 3) {
        if (!alive[i]) continue;
        const killed = !alive[2];
        try {
          const res = await fetch(`${m.origins[i]}/component/v1/tokens/${token}/claim`, { method: 'POST' });
          if (res.status !== 200) continue;
          answers.set(token, { ...((await res.json()) as Answer), instance: i, afterKill: killed });
          if (answers.size === 120 && alive[2]) {
            alive[2] = false;
            victim.kill('SIGKILL');
          }
          return;
        } catch {
          // no answer from this instance: try the next one
        }
      }
      throw new Error(`no instance answered the claim of ${token}`);
    };
    await Promise.all(
      Array.from({ length: 24 }, async (_, w) => {
        for (let t = queue.shift(); t !== undefined; t = queue.shift()) await claimOnce(t, w % 3);
      }),
    );
    if (victim.exitCode === null && victim.signalCode === null) await new Promise((r) => victim.once('exit', r));
    expect(victim.signalCode).toBe('SIGKILL');

    const all = [...answers.values()];
    expect(all).toHaveLength(tokens.length);
    const received = all.filter((a) => a.result === 'RECEIVED');
    for (const a of received) expect(await m.store.getUserCouponBundle(a.user_coupon_bundle_id!)).not.toBeNull();

    const issued = new Set(
      all.filter((a) => a.result === 'RECEIVED' || a.result === 'ALREADY_RECEIVED').map((a) => a.user_coupon_bundle_id),
    );
    const stock = await m.store.getStock(s.stockIds[0]!, '1970-01-01');
    expect(stock!.totalCount).toBe(budget);
    expect(issued.size).toBe(budget);
    expect(all.filter((a) => a.result === 'SOLD_OUT')).toHaveLength(tokens.length - budget);
    for (const survivor of [0, 1]) expect(all.some((a) => a.afterKill && a.instance === survivor)).toBe(true);
  }, 120_000);
});

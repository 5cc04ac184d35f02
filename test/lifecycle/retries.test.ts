import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_DELAYS_SECONDS } from '../../src/notify/index.js';
import { seedBundle } from '../fixtures/catalog.js';
import type { Running } from '../harness.js';
import { admin, type Env, sendBundle, startWithReceiver, until } from './helpers.js';

let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
  env.c.clock.freeze();
});
afterAll(() => env.close());

interface DeliveryView {
  event_id: string;
  state: string;
  attempts: number;
  url: string | null;
  last_status: number | null;
  last_response: string | null;
  next_attempt_at: string | null;
  resource: { coupon_code: string };
  attempt_log: { attempt: number; started_at: string; status: number | null; request_id: string | null }[];
}

const deliveryOf = async (c: Running, code: string): Promise<DeliveryView> => {
  const { body } = await admin(c, 'GET', 'admin/v1/webhooks?limit=200');
  return (body.data as DeliveryView[]).find((d) => d.resource.coupon_code === code)!;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('callback retries on WeChat’s schedule (D-16, D-20)', () => {
  it('a receiver answering 500 gets 10 retries at 10s/14s/27s/60s/2m30s/6m34s/17m33s/47m11s/2h7m/5h43m, then FAILED', async () => {
    const { c, receiver } = env;
    receiver.status = 500;
    const s = await seedBundle(c);
    const t0 = c.clock.now().getTime();
    const { code0 } = await sendBundle(c, s, 'o-retry');
    await receiver.waitFor(1);

    const latencies: number[] = [];
    for (const [i, delay] of RETRY_DELAYS_SECONDS.entries()) {
      c.clock.advance(delay - 1);
      await sleep(300);
      expect(receiver.received).toHaveLength(i + 1);
      const moved = Date.now();
      c.clock.advance(1);
      await receiver.waitFor(i + 2, 2_000);
      latencies.push(Date.now() - moved);
    }
    expect(Math.max(...latencies)).toBeLessThan(2_000);

    await until(async () => {
      const d = await deliveryOf(c, code0);
      return d.state === 'FAILED' && d.last_status === 500;
    });
    const failed = await deliveryOf(c, code0);
    expect(failed).toMatchObject({ attempts: 11, last_status: 500, url: receiver.url, next_attempt_at: null });
    expect(failed.last_response).toContain('FAIL');
    const offsets = failed.attempt_log.map((a) => (Date.parse(a.started_at) - t0) / 1000);
    const expected = [0];
    for (const d of RETRY_DELAYS_SECONDS) expected.push(expected.at(-1)! + d);
    expect(offsets).toEqual(expected);
    expect(expected.at(-1)).toBe(32_739);
    expect(new Set(failed.attempt_log.map((a) => a.request_id)).size).toBe(11);

    expect(receiver.received.every((r) => r.error === undefined)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.envelope?.id))).toEqual(new Set([failed.event_id]));
    expect(receiver.received.every((r) => r.resource?.coupon_code === code0)).toBe(true);

    c.clock.advance(86_400);
    await sleep(400);
    expect(receiver.received).toHaveLength(11);

    receiver.status = 204;
    const redelivered = await admin(c, 'POST', `admin/v1/webhooks/${failed.event_id}/redeliver`);
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ event_id: failed.event_id, state: 'PENDING' });
    await receiver.waitFor(12, 2_000);
    await until(async () => (await deliveryOf(c, code0)).state === 'DELIVERED');
    expect(await deliveryOf(c, code0)).toMatchObject({ attempts: 12, last_status: 204 });
    expect(receiver.received[11]?.envelope?.id).toBe(failed.event_id);
  });

  it('counts 200 and 204 as delivered, anything else (202, 404) as failed', async () => {
    const { c, receiver } = env;
    const s = await seedBundle(c, { maxCountPerUser: 5 });
    for (const [status, state] of [
      [200, 'DELIVERED'],
      [202, 'PENDING'],
      [404, 'PENDING'],
    ] as const) {
      receiver.status = status;
      const before = receiver.received.length;
      const { code0 } = await sendBundle(c, s, `o-status-${status}`);
      await receiver.waitFor(before + 1);
      await until(async () => (await deliveryOf(c, code0)).last_status === status);
      expect(await deliveryOf(c, code0)).toMatchObject({ state, attempts: 1, last_status: status });
    }
  });

  it('answers 404 for an unknown event and 401 without the admin token', async () => {
    const { c } = env;
    expect((await admin(c, 'POST', 'admin/v1/webhooks/nope/redeliver')).status).toBe(404);
    const res = await fetch(`${c.baseURL}admin/v1/webhooks`);
    expect(res.status).toBe(401);
    const bad = await admin(c, 'GET', 'admin/v1/webhooks?state=LOST');
    expect([bad.status, bad.body.code]).toEqual([400, 'PARAM_ERROR']);
  });
});

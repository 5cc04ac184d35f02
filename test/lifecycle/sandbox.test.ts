import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { startCoupond } from '../harness.js';
import { admin, call, confirmBody, type Env, paths, sendBundle, startWithReceiver } from './helpers.js';

let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

describe('sandbox controls (D-20)', () => {
  it('reads, freezes, advances and resets the test clock', async () => {
    const { c } = env;
    const now = await admin(c, 'GET', 'sandbox/v1/clock');
    expect(now.body).toMatchObject({ frozen: false });
    expect(Math.abs(Date.parse(now.body.now) - Date.now())).toBeLessThan(2_000);

    const frozen = await admin(c, 'POST', 'sandbox/v1/clock/freeze', { at: '2026-01-01T00:00:00+08:00' });
    expect(frozen.body).toEqual({ now: '2026-01-01T00:00:00+08:00', frozen: true });
    const advanced = await admin(c, 'POST', 'sandbox/v1/clock/advance', { seconds: 90_061 });
    expect(advanced.body).toEqual({ now: '2026-01-02T01:01:01+08:00', frozen: true });
    expect(c.clock.now().toISOString()).toBe('2026-01-01T17:01:01.000Z');

    for (const [path, body] of [
      ['freeze', { at: 'yesterday' }],
      ['advance', { seconds: -5 }],
      ['advance', { seconds: '10' }],
      ['advance', {}],
      ['freeze', { at: '2026-01-01T00:00:00+08:00', extra: 1 }],
    ] as const) {
      const bad = await admin(c, 'POST', `sandbox/v1/clock/${path}`, body);
      expect([bad.status, bad.body.code]).toEqual([400, 'PARAM_ERROR']);
    }

    const reset = await admin(c, 'POST', 'sandbox/v1/clock/reset');
    expect(reset.body.frozen).toBe(false);
    expect(Math.abs(c.clock.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it('wants the admin token', async () => {
    const { c } = env;
    for (const path of ['sandbox/v1/clock', 'sandbox/v1/webhooks'])
      expect((await admin(c, 'GET', path, undefined, 'wrong')).status).toBe(401);
    expect((await admin(c, 'POST', 'sandbox/v1/reset', undefined, 'wrong')).status).toBe(401);
  });

  it('advancing the clock over HTTP past a due retry delivers it within 2 s; the inspector lists every attempt', async () => {
    const { c, receiver } = env;
    await admin(c, 'POST', 'sandbox/v1/clock/freeze');
    const before = receiver.received.length;
    receiver.status = (n) => (n === before + 1 ? 500 : 204);
    const { code0 } = await sendBundle(c, await seedBundle(c), 'o-sandbox-retry');
    await receiver.waitFor(before + 1);
    const moved = Date.now();
    await admin(c, 'POST', 'sandbox/v1/clock/advance', { seconds: 10 });
    await receiver.waitFor(before + 2, 2_000);
    expect(Date.now() - moved).toBeLessThan(2_000);

    interface Logged {
      event_id: string;
      resource: { coupon_code: string };
      attempt_log: { status: number | null }[];
    }
    // The receiver has answered; the dispatcher stores the answer right after, so the log may lag a moment.
    let delivery: Logged | undefined;
    for (let i = 0; i < 40 && (delivery?.attempt_log.length !== 2 || delivery.attempt_log[1]!.status === null); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 50));
      const list = await admin(c, 'GET', 'sandbox/v1/webhooks?limit=5');
      delivery = (list.body.data as Logged[]).find((d) => d.resource.coupon_code === code0);
    }
    expect(delivery).toMatchObject({ event_type: 'PRODUCT_COUPON_SP.SEND', url: receiver.url });
    expect(delivery!.attempt_log.map((a) => a.status)).toEqual([500, 204]);
    const again = await admin(c, 'POST', `sandbox/v1/webhooks/${delivery!.event_id}/redeliver`);
    expect(again.status).toBe(202);
    await receiver.waitFor(before + 3, 2_000);
    expect(receiver.received.at(-1)?.envelope?.id).toBe(delivery!.event_id);
    await admin(c, 'POST', 'sandbox/v1/clock/reset');
  });

  it('reset wipes the data but keeps tenants, keys and the notify URL', async () => {
    const { c } = env;
    const s = await seedBundle(c);
    const { code0 } = await sendBundle(c, s, 'o-reset');
    const res = await admin(c, 'POST', 'sandbox/v1/reset');
    expect(res.status).toBe(204);
    expect(await c.store.getUserCoupon(code0)).toBeNull();
    expect(await c.store.getProductCoupon(s.productCouponId)).toBeNull();
    expect((await admin(c, 'GET', 'sandbox/v1/webhooks')).body).toMatchObject({ total_count: 0, data: [] });
    const confirm = await call(c, paths.confirm('o-reset', code0), confirmBody(c, s, 0));
    expect([confirm.status, confirm.body.code]).toEqual([404, 'NOT_FOUND']);
    const notify = await c.send('GET', paths.notify);
    expect([notify.status, (await notify.json()).notify_url]).toEqual([200, env.receiver.url]);
    const again = await seedBundle(c);
    expect((await sendBundle(c, again, 'o-reset')).code0).toBeTruthy();
  });

  it('does not exist without --sandbox', async () => {
    const plain = await startCoupond({ sandbox: false });
    try {
      expect((await admin(plain, 'GET', 'sandbox/v1/clock').catch(() => ({ status: 0 }))).status).toBe(404);
      expect((await admin(plain, 'GET', 'admin/v1/webhooks')).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});

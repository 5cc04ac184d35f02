import { afterAll, describe, expect, it } from 'vitest';
import { UNANSWERED } from '../../src/notify/dispatcher.js';
import { NotifyTargets, type Resolver } from '../../src/notify/targets.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { admin, paths, sendBundle, until } from './helpers.js';
import { CallbackReceiver } from './receiver.js';

/** A resolver with fixed answers for made-up names, as a hostile or internal DNS would give them. */
const dnsOf =
  (answers: Record<string, string[]>): Resolver =>
  async (hostname) =>
    (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const running: { c: Running; receiver: CallbackReceiver }[] = [];
afterAll(async () => {
  for (const { c, receiver } of running) {
    await c.close();
    await receiver.close();
  }
});

/** coupond whose merchant's notify URL names `host` on the port of a live receiver on 127.0.0.1. */
async function start(targets: NotifyTargets, host: string) {
  const c = await startCoupond({ sandbox: true, notifyTargets: targets });
  const receiver = new CallbackReceiver({
    apiv3Key: c.merchant.apiv3Key,
    platformId: c.platform.id,
    platformPublicKey: c.platform.publicKey,
  });
  const url = new URL(await receiver.start());
  url.hostname = host;
  running.push({ c, receiver });
  const set = await c.send('POST', paths.notify, { notify_url: url.href });
  expect(set.status).toBe(200);
  return { c, receiver, url: url.href };
}

/** The first attempt of the newest delivery, once its outcome is stored. */
const firstAttempt = async (c: Running, path: string) => {
  let log: { data: { attempt_log: { error: string | null; status: number | null; url: string }[] }[] } | null = null;
  await until(async () => {
    log = (await admin(c, 'GET', path)).body;
    const first = log?.data[0]?.attempt_log[0];
    return first !== undefined && first.error !== UNANSWERED;
  });
  return log!.data[0]!.attempt_log[0]!;
};

describe('notify targets at delivery (D-35)', () => {
  it('refuses a name that resolves to loopback (DNS rebinding) and logs it as a failed attempt', async () => {
    const targets = new NotifyTargets({ resolve: dnsOf({ 'rebind.example': ['127.0.0.1'] }) });
    const { c, receiver, url } = await start(targets, 'rebind.example');
    await sendBundle(c, await seedBundle(c), 'o-rebind');
    for (const path of ['sandbox/v1/webhooks', 'admin/v1/webhooks']) {
      const attempt = await firstAttempt(c, path);
      expect(attempt).toMatchObject({ url, status: null });
      expect(attempt.error).toBe(
        'refused: rebind.example resolves to 127.0.0.1, in the loopback block, not a public address (internal blocks need --notify-allow)',
      );
    }
    const [delivery] = (await admin(c, 'GET', 'admin/v1/webhooks')).body.data;
    expect(delivery).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(delivery.last_error).toMatch(/^refused: /);
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses an internal address stored before the rules applied, without connecting', async () => {
    const targets = new NotifyTargets({ resolve: dnsOf({ 'merchant.test': ['127.0.0.1'] }) });
    const { c, receiver, url } = await start(targets, 'merchant.test');
    const literal = url.replace('merchant.test', '127.0.0.1');
    await c.store.setNotifyUrl(c.merchant.mchid, literal, '2026-01-01T00:00:00+08:00');
    await sendBundle(c, await seedBundle(c), 'o-literal');
    const attempt = await firstAttempt(c, 'admin/v1/webhooks');
    expect(attempt).toMatchObject({ url: literal, status: null });
    expect(attempt.error).toMatch(/^refused: 127\.0\.0\.1 is in the loopback block/);
    expect(receiver.received).toHaveLength(0);
  });

  it('connects to the vetted address: an allowed block is reached, a refused one among the answers is skipped', async () => {
    const targets = new NotifyTargets({
      allow: ['127.0.0.0/8'],
      resolve: dnsOf({ 'internal.merchant.test': ['169.254.169.254', '10.9.9.9', '127.0.0.1'] }),
    });
    const { c, receiver } = await start(targets, 'internal.merchant.test');
    const { code0 } = await sendBundle(c, await seedBundle(c), 'o-allowed');
    const [callback] = await receiver.waitFor(1);
    expect(callback!.resource?.coupon_code).toBe(code0);
    expect(callback!.headers.host).toMatch(/^internal\.merchant\.test:\d+$/);
  });

  it('a name with no address at all is a failed attempt, not a crash', async () => {
    const { c } = await start(new NotifyTargets({ resolve: dnsOf({}) }), 'nowhere.test');
    await sendBundle(c, await seedBundle(c), 'o-nowhere');
    expect((await firstAttempt(c, 'admin/v1/webhooks')).error).toBe('nowhere.test does not resolve to any address');
  });
});

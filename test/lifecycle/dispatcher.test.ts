import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { systemClock } from '../../src/domain/clock.js';
import { randomIds } from '../../src/domain/ids.js';
import { Dispatcher } from '../../src/notify/index.js';
import { notifyTargetsOf } from '../../src/services/deps.js';
import type { DeliveryRecord } from '../../src/store/lifecycle.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { seedBundle } from '../fixtures/catalog.js';
import type { Running } from '../harness.js';
import { type Env, paths, sendBundle, startWithReceiver, until } from './helpers.js';

const dispatcherFor = (c: Running, timeoutMs?: number) =>
  new Dispatcher({
    store: c.store,
    clock: c.clock,
    wireClock: systemClock,
    ids: randomIds,
    platform: c.app.ctx.platformKey,
    targets: notifyTargetsOf(c.app.ctx.deps),
    ...(timeoutMs ? { timeoutMs } : {}),
  });

const eventOf = async (c: Running, code: string) => {
  const { deliveries } = await c.store.listDeliveries({ offset: 0, limit: 500 });
  return deliveries.find((d) => d.resource.coupon_code === code)!;
};

/** Attempt `n` is over and its outcome stored (the lease ends with it). */
const recorded = (d: DeliveryRecord, n: number) => d.attempts === n && d.lockedUntil === null;

const envs: Env[] = [];
const started = async (options: Parameters<typeof startWithReceiver>[0] = {}) => {
  const env = await startWithReceiver(options);
  envs.push(env);
  env.c.clock.freeze();
  return env;
};
afterAll(async () => {
  for (const env of envs) await env.close().catch(() => undefined);
});

describe('the outbox dispatcher (D-16)', () => {
  it('a dispatcher stopped mid-schedule leaves the rest to a new one, with the same event id', async () => {
    const { c, receiver } = await started();
    receiver.status = (n) => (n <= 3 ? 500 : 204);
    const { code0 } = await sendBundle(c, await seedBundle(c), 'o-handover');
    await receiver.waitFor(1);
    c.clock.advance(10);
    await receiver.waitFor(2);
    c.clock.advance(14);
    await receiver.waitFor(3);
    await c.app.jobs.dispatcher.stop();
    await until(async () => recorded(await eventOf(c, code0), 3));

    c.clock.advance(27);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(3);

    const next = dispatcherFor(c);
    next.start();
    try {
      await receiver.waitFor(4, 2_000);
      await until(async () => (await eventOf(c, code0)).state === 'DELIVERED');
    } finally {
      await next.stop();
    }
    const ids = new Set(receiver.received.map((r) => r.envelope?.id));
    expect(ids).toEqual(new Set([(await eventOf(c, code0)).eventId]));
    expect((await eventOf(c, code0)).attempts).toBe(4);
  });

  it('survives a restart of the whole server on the same database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coupond-restart-'));
    const file = join(dir, 'coupond.db');
    const { c, receiver } = await startWithReceiver({ store: createSqliteStore(file) });
    c.clock.freeze();
    receiver.status = (n) => (n <= 2 ? 500 : 204);
    const { code0 } = await sendBundle(c, await seedBundle(c), 'o-restart');
    await receiver.waitFor(1);
    c.clock.advance(10);
    await receiver.waitFor(2);
    await until(async () => recorded(await eventOf(c, code0), 2));
    const { eventId } = await eventOf(c, code0);
    await c.app.server.close();
    await c.store.close();

    c.clock.advance(14);
    const store = createSqliteStore(file);
    const app = await buildApp({ store, clock: c.clock, sandbox: true, rateLimits: null, logLevel: 'silent' });
    try {
      await receiver.waitFor(3, 2_000);
      await until(async () => (await store.getDelivery(eventId))?.state === 'DELIVERED');
      expect(await store.getDelivery(eventId)).toMatchObject({ attempts: 3, lastStatus: 204 });
      expect(new Set(receiver.received.map((r) => r.envelope?.id))).toEqual(new Set([eventId]));
    } finally {
      await app.server.close();
      await store.close();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two dispatchers on one database deliver every event exactly once', async () => {
    const { c, receiver } = await started();
    const second = dispatcherFor(c);
    second.start();
    try {
      const s = await seedBundle(c, { maxCount: 100 });
      const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => sendBundle(c, s, `o-pair-${i}`)));
      await receiver.waitFor(30);
      await new Promise((r) => setTimeout(r, 600));
      expect(receiver.received).toHaveLength(30);
      expect(new Set(receiver.received.map((r) => r.resource?.coupon_code))).toEqual(new Set(sent.map((x) => x.code0)));
    } finally {
      await second.stop();
    }
  });

  it('an answer later than the time limit is a failed attempt, retried on schedule', async () => {
    const { c } = await started();
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/notify`;
    await c.send('POST', paths.notify, { notify_url: url });
    await c.app.jobs.dispatcher.stop();
    const quick = dispatcherFor(c, 300);
    quick.start();
    try {
      const { code0 } = await sendBundle(c, await seedBundle(c), 'o-slow');
      await until(async () => recorded(await eventOf(c, code0), 1));
      const event = await eventOf(c, code0);
      expect(event).toMatchObject({ state: 'PENDING', lastStatus: null, lastError: 'no answer within 300 ms' });
      expect(Date.parse(event.nextAttemptAt) - c.clock.now().getTime()).toBe(10_000);
    } finally {
      await quick.stop();
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('records an attempt without a notify URL and keeps the event for later', async () => {
    const { c } = await started();
    await c.store.setNotifyUrl(c.merchant.mchid, '', '2025-01-01T00:00:00+08:00');
    const { code0 } = await sendBundle(c, await seedBundle(c), 'o-no-url');
    await until(async () => recorded(await eventOf(c, code0), 1));
    expect(await eventOf(c, code0)).toMatchObject({ state: 'PENDING', lastError: 'notify_url is not configured' });
  });
});

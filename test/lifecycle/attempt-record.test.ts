import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { randomIds } from '../../src/domain/ids.js';
import { Dispatcher, UNANSWERED } from '../../src/notify/dispatcher.js';
import { notifyTargetsOf } from '../../src/services/deps.js';
import type { Store } from '../../src/store/port.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Env, sendBundle, startWithReceiver, until } from './helpers.js';

/** The store, except that `method` fails as a full disk makes it fail while `refusing()` holds. */
function refusing(store: Store, method: keyof Store, refusing: () => boolean): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === method && refusing())
        return async () => {
          throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        };
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const envs: Env[] = [];
const dispatchers: Dispatcher[] = [];
afterAll(async () => {
  for (const d of dispatchers) await d.stop();
  for (const env of envs) await env.close();
});

/** coupond with a live receiver, its own dispatcher replaced by one on `wrap(store)` with a 300 ms lease. */
async function startWith(wrap: (store: Store) => Store) {
  const env = await startWithReceiver();
  envs.push(env);
  const { c } = env;
  await c.app.jobs.dispatcher.stop();
  const errors: string[] = [];
  const dispatcher = new Dispatcher({
    store: wrap(c.store),
    clock: c.clock,
    wireClock: systemClock,
    ids: randomIds,
    platform: c.app.ctx.platformKey,
    targets: notifyTargetsOf(c.app.ctx.deps),
    leaseMs: 300,
    pollMs: 50,
    onError: (_, where) => errors.push(where),
  });
  dispatchers.push(dispatcher);
  dispatcher.start();
  const deliveryOf = async (code: string) =>
    (await c.store.listDeliveries({ offset: 0, limit: 50 })).deliveries.find((d) => d.resource.coupon_code === code)!;
  return { ...env, errors, deliveryOf };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('no delivery without its record (D-37)', () => {
  it('a store that cannot record the answer: sent once, claims wait, the answer is stored once it can be', async () => {
    let full = true;
    const { c, receiver, errors, deliveryOf } = await startWith((s) =>
      refusing(s, 'finishDeliveryAttempt', () => full),
    );
    const s = await seedBundle(c, { maxCount: 10 });
    const first = await sendBundle(c, s, 'o-full-1');
    await receiver.waitFor(1);
    expect(await deliveryOf(first.code0)).toMatchObject({ attempts: 1, lastError: UNANSWERED });
    const second = await sendBundle(c, s, 'o-full-2');
    await sleep(1_200);
    expect(receiver.received).toHaveLength(1);
    expect(errors.filter((e) => e.startsWith('recording attempt 1 of')).length).toBeGreaterThan(3);

    full = false;
    await receiver.waitFor(2);
    await until(async () => (await deliveryOf(second.code0)).state === 'DELIVERED');
    expect(await deliveryOf(first.code0)).toMatchObject({ state: 'DELIVERED', attempts: 1, lastStatus: 204 });
    await sleep(500);
    expect(receiver.received.map((r) => r.resource?.coupon_code)).toEqual([first.code0, second.code0]);
    const log = await c.store.listDeliveryAttempts([(await deliveryOf(first.code0)).eventId]);
    expect(log).toMatchObject([{ attempt: 1, status: 204, error: null }]);
  });

  it('a store that cannot record the start of an attempt: nothing is sent until it can', async () => {
    let full = true;
    const { c, receiver, errors, deliveryOf } = await startWith((s) => refusing(s, 'beginDeliveryAttempt', () => full));
    const { code0 } = await sendBundle(c, await seedBundle(c), 'o-full-begin');
    await sleep(1_200);
    expect(receiver.received).toHaveLength(0);
    expect(errors.some((e) => e.startsWith('delivering '))).toBe(true);
    expect(await deliveryOf(code0)).toMatchObject({ state: 'PENDING', attempts: 0 });

    full = false;
    await receiver.waitFor(1);
    await until(async () => (await deliveryOf(code0)).state === 'DELIVERED');
    await sleep(500);
    expect(receiver.received).toHaveLength(1);
    const log = await c.store.listDeliveryAttempts([(await deliveryOf(code0)).eventId]);
    expect(log).toMatchObject([{ attempt: 1, status: 204 }]);
  });
});

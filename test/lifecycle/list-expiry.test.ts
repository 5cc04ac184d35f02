import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../src/domain/clock.js';
import type { Store } from '../../src/store/port.js';
import { seedBundle } from '../fixtures/catalog.js';
import { openDefaultStore, type Running, startCoupond } from '../harness.js';
import { call, confirmBody, get, paths, sendBundle } from './helpers.js';

/** The store methods a server calls while `recording`, by name. */
function recorded(store: Store) {
  const calls: string[] = [];
  let recording = false;
  const proxy = new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (recording) calls.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store: proxy,
    async during<T>(read: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
      calls.length = 0;
      recording = true;
      try {
        return { result: await read(), calls: [...calls] };
      } finally {
        recording = false;
      }
    },
  };
}

/** Reads, and the replay window every signed request writes (D-17). */
const READ_ONLY = /^(get|list|is)[A-Z]|^rememberNonce$/;

let c: Running;
let spy: ReturnType<typeof recorded>;
beforeAll(async () => {
  spy = recorded(await openDefaultStore());
  c = await startCoupond({ store: spy.store, backgroundJobs: false });
  const notify = await c.send('POST', paths.notify, { notify_url: 'https://merchant.example.com/notify' });
  expect(notify.status).toBe(200);
});
afterAll(() => c.close());

const listed = async (openid: string, state: string) => {
  const query = { appid: c.merchant.appid, brand_id: c.merchant.brandId, coupon_state: state };
  const { body } = await get(c, paths.list(openid, query));
  return (body.user_coupon_list ?? []).map((x: { coupon_code: string }) => x.coupon_code);
};

describe('指定券状态查询用户商品券列表 around the end of validity (D-109)', () => {
  it('lists the coupon EFFECTIVE up to its end and EXPIRED after it, on the sandbox clock, writing nothing', async () => {
    c.clock.freeze(parseRfc3339('2026-03-04T15:30:00+08:00')!);
    const s = await seedBundle(c, { endDaysFromNow: 2 });
    const openid = 'o-list-expiry';
    const { code0 } = await sendBundle(c, s, openid);
    expect((await call(c, paths.confirm(openid, code0), confirmBody(c, s, 0))).status).toBe(200);
    const stored = await c.store.getUserCoupon(code0);
    expect(stored?.state).toBe('EFFECTIVE');
    const end = Date.parse(stored!.validEndTime);

    const at = async (instant: number) => {
      c.clock.freeze(new Date(instant));
      const { result, calls } = await spy.during(async () => ({
        effective: await listed(openid, 'EFFECTIVE'),
        expired: await listed(openid, 'EXPIRED'),
      }));
      expect(calls).toContain('listUserCoupons');
      expect(calls.filter((name) => !READ_ONLY.test(name))).toEqual([]);
      return result;
    };
    expect(await at(end)).toEqual({ effective: [code0], expired: [] });
    expect(await at(end + 1)).toEqual({ effective: [], expired: [code0] });
    expect(await c.store.getUserCoupon(code0)).toEqual(stored);

    await c.app.jobs.sweeper.run();
    expect((await c.store.getUserCoupon(code0))?.state).toBe('EXPIRED');
    expect(await at(end + 1)).toEqual({ effective: [], expired: [code0] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiMidnight } from '../../src/domain/clock.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { claim, preSendToken, preview } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

const tally = (results: { result: string }[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    acc[r.result] = (acc[r.result] ?? 0) + 1;
    return acc;
  }, {});

const today = () => new Date().toISOString().slice(0, 10);

describe('budgets never oversell (D-11, D-12) — SQLite store', () => {
  it('500 users claim at once from a bundle of 100 → exactly 100 RECEIVED, 400 SOLD_OUT', async () => {
    const s = await seedBundle(c, { maxCount: 100 });
    const tokens = await Promise.all(
      Array.from({ length: 500 }, (_, i) => preSendToken(c, s, `o-crowd-${i}`, `CROWD_${String(i).padStart(5, '0')}`)),
    );
    const results = await Promise.all(tokens.map((t) => claim(c, t)));
    expect(tally(results)).toEqual({ RECEIVED: 100, SOLD_OUT: 400 });
    const stock = await c.store.getStock(s.stockIds[0]!, today());
    expect(stock?.totalCount).toBe(100);
    const bundles = new Set(results.filter((r) => r.result === 'RECEIVED').map((r) => r.user_coupon_bundle_id));
    expect(bundles.size).toBe(100);
  });

  it('one user, max_count_per_user 2, 50 concurrent claims with distinct numbers → exactly 2', async () => {
    const s = await seedBundle(c, { maxCount: 1000, maxCountPerUser: 2 });
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, i) => preSendToken(c, s, 'o-greedy', `GREEDY_${String(i).padStart(4, '0')}`)),
    );
    const results = await Promise.all(tokens.map((t) => claim(c, t)));
    expect(tally(results)).toEqual({ RECEIVED: 2, USER_LIMIT_REACHED: 48 });
    expect((await c.store.getStock(s.stockIds[0]!, today()))?.totalCount).toBe(2);
    expect(await c.store.getUserCount(s.stockIds[0]!, 'openid:o-greedy')).toBe(2);
  });

  it('one token claimed 20 times at once → 1 RECEIVED, 19 ALREADY_RECEIVED, one bundle', async () => {
    const s = await seedBundle(c, { maxCount: 10 });
    const token = await preSendToken(c, s, 'o-tapper', 'TAPPER_0001');
    const results = await Promise.all(Array.from({ length: 20 }, () => claim(c, token)));
    expect(tally(results)).toEqual({ RECEIVED: 1, ALREADY_RECEIVED: 19 });
    expect(new Set(results.map((r) => r.user_coupon_bundle_id)).size).toBe(1);
    expect((await c.store.getStock(s.stockIds[0]!, today()))?.totalCount).toBe(1);
  });
});

describe('daily budget and tokens (D-8, D-13)', () => {
  it('max_count_per_day 10 with the clock crossing midnight +08:00 → 10 on each day', async () => {
    const clock = c.clock;
    clock.freeze(new Date(shanghaiMidnight(new Date(), 1).getTime() - 60_000));
    try {
      const s = await seedBundle(c, { maxCount: 1000, maxCountPerDay: 10 });
      const claimDay = async (tag: string) => {
        const tokens = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            preSendToken(c, s, `o-${tag}-${i}`, `${tag}_${String(i).padStart(4, '0')}`).catch(() => null),
          ),
        );
        return Promise.all(tokens.filter((t): t is string => t !== null).map((t) => claim(c, t)));
      };
      const first = tally(await claimDay('DAYONE'));
      expect(first.RECEIVED).toBe(10);
      const preSold = await preSendToken(c, s, 'o-waiting', 'WAITING_001').catch((e: Error) => e.message);
      expect(preSold).toMatch(/403/);
      clock.advance(120);
      const second = tally(await claimDay('DAYTWO'));
      expect(second.RECEIVED).toBe(10);
      expect((await c.store.getStock(s.stockIds[0]!, '1970-01-01'))?.totalCount).toBe(20);
    } finally {
      clock.reset();
    }
  });

  it('an expired token → TOKEN_EXPIRED and a forged one → TOKEN_INVALID; nothing issued', async () => {
    const s = await seedBundle(c, { maxCount: 10 });
    const token = await preSendToken(c, s, 'o-late', 'LATE_000001');
    c.clock.freeze(new Date(Date.now() + 301_000));
    try {
      expect(await preview(c, token)).toMatchObject({ state: 'TOKEN_EXPIRED' });
      expect((await claim(c, token)).result).toBe('TOKEN_EXPIRED');
    } finally {
      c.clock.reset();
    }
    expect((await claim(c, `${token.slice(0, -2)}xx`)).result).toBe('TOKEN_INVALID');
    expect((await claim(c, 'not-a-token')).result).toBe('TOKEN_INVALID');
    expect((await c.store.getStock(s.stockIds[0]!, today()))?.totalCount).toBe(0);
  });
});

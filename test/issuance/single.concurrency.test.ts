import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { no, seedSingle, setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { claim, preSendSingleToken, SEND_SINGLE, type SeededSingle, singleBody } from './helpers.js';

/** Single coupons never oversell (D-11, D-12, D-100): direct sends and claims racing on one stock. */
let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

const tally = (values: (string | number)[]) =>
  values.reduce<Record<string, number>>((acc, v) => {
    acc[v] = (acc[v] ?? 0) + 1;
    return acc;
  }, {});
const send = (openid: string, s: SeededSingle, extra: Record<string, unknown> = {}) =>
  c.send('POST', SEND_SINGLE(openid), singleBody(c, s, no('RACE'), extra));
const totalOf = async (s: SeededSingle) => (await c.store.getStock(s.stockId, '1970-01-01'))!.totalCount;

describe('single sends racing', () => {
  it('200 users at once on a budget of 40 → exactly 40 coupons, 160 × 403', async () => {
    const s = await seedSingle(c, { maxCount: 40 });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => send(`o-crowd-${i}`, s)));
    expect(tally(answers.map((r) => r.status))).toEqual({ 200: 40, 403: 160 });
    const codes = await Promise.all(
      answers.filter((r) => r.status === 200).map(async (r) => (await r.json()).coupon_code),
    );
    expect(new Set(codes).size).toBe(40);
    expect(await totalOf(s)).toBe(40);
  });

  it('one user, max_count_per_user 3, 60 numbers at once → exactly 3', async () => {
    const s = await seedSingle(c, { maxCountPerUser: 3 });
    const answers = await Promise.all(Array.from({ length: 60 }, () => send('o-greedy', s)));
    expect(tally(answers.map((r) => r.status))).toEqual({ 200: 3, 400: 57 });
    expect(await c.store.getUserCount(s.stockId, 'openid:o-greedy')).toBe(3);
    expect(await totalOf(s)).toBe(3);
  });

  it('one assigned code sent under 16 numbers at once → one coupon, 15 × ALREADY_EXISTS (D-101)', async () => {
    const s = await seedSingle(c, { codeMode: 'API_ASSIGN', maxCountPerUser: 100 });
    const code = no('RACECODE');
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => send(`o-code-${i}`, s, { coupon_code: code })),
    );
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(tally(bodies.map((b) => b.code ?? b.coupon_code))).toEqual({ [code]: 1, ALREADY_EXISTS: 15 });
    expect(await totalOf(s)).toBe(1);
  });
});

describe('single claims racing', () => {
  it('150 users claim at once from a budget of 30 → exactly 30 RECEIVED', async () => {
    const s = await seedSingle(c, { maxCount: 30 });
    const tokens = await Promise.all(
      Array.from({ length: 150 }, (_, i) => preSendSingleToken(c, s, `o-tap-${i}`, no('T'))),
    );
    const results = await Promise.all(tokens.map((t) => claim(c, t)));
    expect(tally(results.map((r) => r.result))).toEqual({ RECEIVED: 30, SOLD_OUT: 120 });
    expect(await totalOf(s)).toBe(30);
  });

  it('one token claimed 20 times at once → 1 RECEIVED, 19 ALREADY_RECEIVED, one coupon', async () => {
    const s = await seedSingle(c, { maxCount: 10 });
    const token = await preSendSingleToken(c, s, 'o-tapper', no('TAPPER'));
    const results = await Promise.all(Array.from({ length: 20 }, () => claim(c, token)));
    expect(tally(results.map((r) => r.result))).toEqual({ RECEIVED: 1, ALREADY_RECEIVED: 19 });
    expect(new Set(results.map((r) => r.coupon_code)).size).toBe(1);
    expect(results.every((r) => r.user_coupon_bundle_id === undefined)).toBe(true);
    expect(await totalOf(s)).toBe(1);
  });
});

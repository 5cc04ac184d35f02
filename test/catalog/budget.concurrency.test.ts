import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import { createCoupon, type ErrorBody, getStock, no, paths, type StockBundleT, setNotifyUrl } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

describe('concurrent update-budget (修改商品券批次组发放预算 optimistic check, D-11)', () => {
  it('20 calls with the same current_max_count and distinct numbers: exactly one changes the budget', async () => {
    const created = await createCoupon(c, { maxCount: 100 });
    const path = paths.budget(created.product_coupon_id, created.stock_bundle!.stock_bundle_id);
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await c.send('POST', path, {
          out_request_no: no(`RACE${i}`),
          brand_id: c.merchant.brandId,
          update_mode: 'MAX_COUNT',
          current_max_count: 100,
          target_max_count: 200 + i,
        });
        return { status: res.status, body: (await res.json()) as StockBundleT & ErrorBody };
      }),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 1, 400: 19 });
    const winner = answers.find((a) => a.status === 200)!.body;
    const target = winner.stock_list[0]!.stock_send_rule.max_count;
    for (const a of answers.filter((x) => x.status === 400))
      expect(a.body).toMatchObject({
        code: 'INVALID_REQUEST',
        message: '商品券批次总预算旧值已无效，请使用最新的投放预算值',
      });
    for (const index of [0, 1, 2]) expect((await getStock(c, created, index)).stock_send_rule.max_count).toBe(target);
  });

  it('the same request sent 10 times at once changes the budget once and every answer is the same', async () => {
    const created = await createCoupon(c, { maxCount: 100, maxCountPerDay: 50 });
    const path = paths.budget(created.product_coupon_id, created.stock_bundle!.stock_bundle_id);
    const body = {
      out_request_no: no('SAME'),
      brand_id: c.merchant.brandId,
      update_mode: 'MAX_COUNT_PER_DAY',
      current_max_count_per_day: 50,
      target_max_count_per_day: 60,
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const res = await c.send('POST', path, body);
        return { status: res.status, text: await res.text() };
      }),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect((await getStock(c, created, 0)).stock_send_rule.max_count_per_day).toBe(60);
  });
});

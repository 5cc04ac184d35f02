import { describe, expect, it } from 'vitest';
import {
  createSingleCoupon,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  type StockT,
  singleModeSuite,
  stockIdOf,
} from './helpers.js';

/** 修改商品券批次发放预算 (single mode, D-74): the change, its replay, every documented refusal, concurrency. */
const live = singleModeSuite();

const brand = () => live.c.merchant.brandId;
const stockOf = stockIdOf;
const budget = (id: string, stockId: string, extra: Record<string, unknown>, out_request_no = no('SBUD')) =>
  live.c.send('POST', paths.stockBudget(id, stockId), { out_request_no, brand_id: brand(), ...extra });
const total = (current: number, target: number) => ({
  update_mode: 'MAX_COUNT',
  current_max_count: current,
  target_max_count: target,
});
const daily = (current: number, target: number) => ({
  update_mode: 'MAX_COUNT_PER_DAY',
  current_max_count_per_day: current,
  target_max_count_per_day: target,
});

describe('修改商品券批次发放预算', () => {
  it('changes the total and the daily cap of the one stock, and replays a repeat', async () => {
    const single = await createSingleCoupon(live.c, { maxCount: 100, maxCountPerDay: 10 });
    const id = single.product_coupon_id;
    const requestNo = no('SBUD');
    const changed = await json<StockT>(await budget(id, stockOf(single), total(100, 150), requestNo));
    expect(changed).toEqual({ ...single.stock, stock_send_rule: { ...single.stock!.stock_send_rule, max_count: 150 } });
    expect(await json(await budget(id, stockOf(single), total(100, 150), requestNo))).toEqual(changed);
    await expectError(await budget(id, stockOf(single), total(150, 160), requestNo), 400, 'ALREADY_EXISTS');
    const both = await json<StockT>(await budget(id, stockOf(single), daily(10, 5)));
    expect(both.stock_send_rule).toEqual({ max_count: 150, max_count_per_day: 5, max_count_per_user: 5 });
    expect(await json(await live.c.send('GET', paths.stock(id, stockOf(single), brand())))).toEqual(both);
  });

  it('of concurrent calls with the same current value exactly one changes the budget', async () => {
    const single = await createSingleCoupon(live.c, { maxCount: 100 });
    const id = single.product_coupon_id;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => budget(id, stockOf(single), total(100, 200 + i))),
    );
    const ok = answers.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of answers.filter((a) => a.status !== 200)) await expectError(r, 400, 'INVALID_REQUEST', /旧值已无效/);
    const winner = await json<StockT>(ok[0]!);
    const stored = await json<StockT>(await live.c.send('GET', paths.stock(id, stockOf(single), brand())));
    expect(stored.stock_send_rule.max_count).toBe(winner.stock_send_rule.max_count);
  });
});

describe('修改商品券批次发放预算: refusals', () => {
  it('404 NOT_FOUND for an unknown product coupon, an unknown stock, a stock of another product coupon', async () => {
    const single = await createSingleCoupon(live.c);
    const other = await createSingleCoupon(live.c);
    await expectError(
      await budget('1999999999', stockOf(single), total(1000, 2000)),
      404,
      'NOT_FOUND',
      '未找到 product_coupon_id 对应的商品券',
    );
    for (const stockId of ['1999999999001', stockOf(other)])
      await expectError(
        await budget(single.product_coupon_id, stockId, total(1000, 2000)),
        404,
        'NOT_FOUND',
        '未找到 stock_id 对应的商品券批次',
      );
  });

  it('400 INVALID_REQUEST for a stock of a bundle, naming the bundle API', async () => {
    const stockId = live.bundle.stock_bundle!.stock_list[0]!.stock_id;
    await expectError(
      await budget(live.bundle.product_coupon_id, stockId, total(1000, 2000)),
      400,
      'INVALID_REQUEST',
      /修改商品券批次组发放预算接口/,
    );
  });

  it('400 PARAM_ERROR for the fields of the other mode or a missing one', async () => {
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    await expectParamError(
      await budget(id, stockOf(single), { update_mode: 'MAX_COUNT', target_max_count: 5 }),
      '/current_max_count',
    );
    await expectParamError(
      await budget(id, stockOf(single), { ...total(1000, 2000), current_max_count_per_day: 5 }),
      '/current_max_count_per_day',
    );
  });

  it('400 INVALID_REQUEST: a stale current value, a daily cap the stock lacks, deactivated, ended', async () => {
    const single = await createSingleCoupon(live.c, { maxCount: 100 });
    const id = single.product_coupon_id;
    await expectError(await budget(id, stockOf(single), total(99, 200)), 400, 'INVALID_REQUEST', /旧值已无效/);
    await expectError(await budget(id, stockOf(single), daily(10, 20)), 400, 'INVALID_REQUEST');
    const dead = await createSingleCoupon(live.c);
    await json(
      await live.c.send('POST', paths.deactivate(dead.product_coupon_id), {
        out_request_no: no('DEACT'),
        brand_id: brand(),
        deactivate_reason: '测试',
      }),
    );
    await expectError(
      await budget(dead.product_coupon_id, stockOf(dead), total(1000, 2000)),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则/,
    );
    const ending = await createSingleCoupon(live.c, { endMs: live.c.clock.now().getTime() + 60_000 });
    live.c.clock.advance(120);
    await expectError(
      await budget(ending.product_coupon_id, stockOf(ending), total(1000, 2000)),
      400,
      'INVALID_REQUEST',
      '已过期的批次不可修改发放预算',
    );
  });
});

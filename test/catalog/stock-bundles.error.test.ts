import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import {
  bundleInput,
  type CreatedProductCouponT,
  createCoupon,
  expectError,
  expectParamError,
  getStock,
  json,
  no,
  paths,
  sendBundle,
  setNotifyUrl,
} from './helpers.js';

let c: Running;
let live: CreatedProductCouponT;
let dead: CreatedProductCouponT;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  live = await createCoupon(c, { maxCount: 100, maxCountPerUser: 1 });
  dead = await createCoupon(c);
  await json(
    await c.send('POST', paths.deactivate(dead.product_coupon_id), {
      out_request_no: no('DEACT'),
      deactivate_reason: '活动结束',
      brand_id: c.merchant.brandId,
    }),
  );
});
afterAll(() => c.close());

const brand = () => c.merchant.brandId;
const add = (id: string, stock_bundle = bundleInput(c)) =>
  c.send('POST', paths.bundles(id), { out_request_no: no('ADD'), brand_id: brand(), stock_bundle });
const modify = (id: string, bundleId: string, extra: Record<string, unknown> = {}) =>
  c.send('PATCH', paths.bundle(id, bundleId), { out_request_no: no('MODB'), brand_id: brand(), ...extra });
const budget = (id: string, bundleId: string, extra: Record<string, unknown>) =>
  c.send('POST', paths.budget(id, bundleId), { out_request_no: no('BUDGET'), brand_id: brand(), ...extra });
const total = (current: number, target: number) => ({
  update_mode: 'MAX_COUNT',
  current_max_count: current,
  target_max_count: target,
});
const bundleOf = (x: CreatedProductCouponT) => x.stock_bundle!.stock_bundle_id;

describe('404 NOT_FOUND (添加 / 修改商品券批次组, 修改发放预算)', () => {
  it('an unknown product coupon', async () => {
    const message = '未找到 product_coupon_id 对应的商品券';
    await expectError(await add('1999999999'), 404, 'NOT_FOUND', message);
    await expectError(await modify('1999999999', bundleOf(live)), 404, 'NOT_FOUND', message);
    await expectError(await budget('1999999999', bundleOf(live), total(100, 200)), 404, 'NOT_FOUND', message);
  });

  it('an unknown bundle, or a bundle of another product coupon', async () => {
    const message = '未找到 stock_bundle_id 对应的商品券批次组';
    for (const bundleId of ['700000000000000000', bundleOf(dead)]) {
      await expectError(await modify(live.product_coupon_id, bundleId), 404, 'NOT_FOUND', message);
      await expectError(await budget(live.product_coupon_id, bundleId, total(100, 200)), 404, 'NOT_FOUND', message);
    }
  });
});

describe('添加商品券批次组: validation and state', () => {
  it('PARAM_ERROR: the rule list must have count (3) rules; a missing stock_bundle', async () => {
    const short = bundleInput(c, { rounds: [100, 200] });
    await expectParamError(
      await add(live.product_coupon_id, short),
      '/stock_bundle/progressive_bundle_usage_rule/normal_coupon_list',
    );
    const res = await c.send('POST', paths.bundles(live.product_coupon_id), {
      out_request_no: no('ADD'),
      brand_id: brand(),
    });
    await expectParamError(res, '/stock_bundle');
  });

  it('INVALID_REQUEST: the strength rule, and a DEACTIVATED product coupon', async () => {
    const weaker = bundleInput(c, { rounds: [100, 300, 200] });
    await expectError(await add(live.product_coupon_id, weaker), 400, 'INVALID_REQUEST', /传入参数不符合业务规则/);
    await expectError(await add(dead.product_coupon_id), 400, 'INVALID_REQUEST', /传入参数不符合业务规则/);
  });

  it('400 ALREADY_EXISTS 商品券批次组已存在 for the same number with another bundle', async () => {
    const requestNo = no('ADDDUP');
    const send = (rounds: number[]) =>
      c.send('POST', paths.bundles(live.product_coupon_id), {
        out_request_no: requestNo,
        brand_id: brand(),
        stock_bundle: bundleInput(c, { rounds }),
      });
    await json(await send([100, 200, 300]));
    await expectError(await send([100, 200, 400]), 400, 'ALREADY_EXISTS', '商品券批次组已存在');
  });
});

describe('修改商品券批次组: validation and state', () => {
  it('PARAM_ERROR: MINI_PROGRAM without its AppID; an unknown store_scope', async () => {
    await expectParamError(
      await modify(live.product_coupon_id, bundleOf(live), {
        usage_rule_display_info: { coupon_usage_method_list: ['MINI_PROGRAM'], usage_description: 'x' },
      }),
      '/usage_rule_display_info/mini_program_appid',
    );
    await expectParamError(
      await modify(live.product_coupon_id, bundleOf(live), { store_scope: 'SOME' }),
      '/store_scope',
    );
  });

  it('INVALID_REQUEST: deactivated stocks; an unrelated notify AppID', async () => {
    await expectError(
      await modify(dead.product_coupon_id, bundleOf(dead)),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则/,
    );
    const error = await expectError(
      await modify(live.product_coupon_id, bundleOf(live), { notify_config: { notify_appid: 'wx0000000000000000' } }),
      400,
      'INVALID_REQUEST',
      '传入的AppID非法',
    );
    expect(error.detail?.field).toBe('/notify_config/notify_appid');
  });
});

describe('修改商品券批次组发放预算: every documented refusal', () => {
  it('PARAM_ERROR: the fields of the mode are required, the others forbidden', async () => {
    const id = live.product_coupon_id;
    await expectParamError(
      await budget(id, bundleOf(live), { update_mode: 'MAX_COUNT', target_max_count: 5 }),
      '/current_max_count',
    );
    await expectParamError(
      await budget(id, bundleOf(live), { ...total(100, 200), current_max_count_per_day: 5 }),
      '/current_max_count_per_day',
    );
    await expectParamError(
      await budget(id, bundleOf(live), { update_mode: 'MAX_COUNT_PER_DAY' }),
      '/current_max_count_per_day',
    );
    await expectParamError(await budget(id, bundleOf(live), total(100, 100_000_001)), '/target_max_count');
  });

  it('INVALID_REQUEST with the documented wording for a stale current value (both dimensions)', async () => {
    const capped = await createCoupon(c, { maxCount: 100, maxCountPerDay: 10 });
    const id = capped.product_coupon_id;
    const stale = await expectError(
      await budget(id, bundleOf(capped), total(99, 200)),
      400,
      'INVALID_REQUEST',
      '商品券批次总预算旧值已无效，请使用最新的投放预算值',
    );
    expect(stale.detail?.field).toBe('/current_max_count');
    await expectError(
      await budget(id, bundleOf(capped), {
        update_mode: 'MAX_COUNT_PER_DAY',
        current_max_count_per_day: 11,
        target_max_count_per_day: 20,
      }),
      400,
      'INVALID_REQUEST',
      '商品券批次当前每日发放次数上限与真实值不符',
    );
  });

  it('INVALID_REQUEST: below what was issued (total and today), and a daily cap added after creation', async () => {
    const created = await createCoupon(c, { maxCount: 100, maxCountPerDay: 10, maxCountPerUser: 1 });
    const id = created.product_coupon_id;
    for (const openid of ['o-e1', 'o-e2']) await sendBundle(c, created, openid);
    const below = await expectError(await budget(id, bundleOf(created), total(100, 1)), 400, 'INVALID_REQUEST');
    expect(below.detail?.field).toBe('/target_max_count');
    const belowToday = await expectError(
      await budget(id, bundleOf(created), {
        update_mode: 'MAX_COUNT_PER_DAY',
        current_max_count_per_day: 10,
        target_max_count_per_day: 1,
      }),
      400,
      'INVALID_REQUEST',
    );
    expect(belowToday.detail?.field).toBe('/target_max_count_per_day');
    const uncapped = await expectError(
      await budget(live.product_coupon_id, bundleOf(live), {
        update_mode: 'MAX_COUNT_PER_DAY',
        current_max_count_per_day: 10,
        target_max_count_per_day: 20,
      }),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则/,
    );
    expect(uncapped.detail?.field).toBe('/update_mode');
    expect((await getStock(c, created, 0)).stock_send_rule.max_count).toBe(100);
  });

  it('INVALID_REQUEST 已过期的批次不可修改发放预算 once the stocks ended; deactivated ones refused too', async () => {
    const now = c.clock.now().getTime();
    const ending = await createCoupon(c, { maxCount: 100, endMs: now + 60_000 });
    c.clock.freeze(new Date(now + 120_000));
    try {
      await expectError(
        await budget(ending.product_coupon_id, bundleOf(ending), total(100, 200)),
        400,
        'INVALID_REQUEST',
        '已过期的批次不可修改发放预算',
      );
      await expectError(await modify(ending.product_coupon_id, bundleOf(ending)), 400, 'INVALID_REQUEST');
    } finally {
      c.clock.reset();
    }
    await expectError(
      await budget(dead.product_coupon_id, bundleOf(dead), total(1000, 2000)),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则/,
    );
  });

  it('a refused change records nothing: corrected and retried with the same number it succeeds (D-5)', async () => {
    const requestNo = no('BUDRETRY');
    const id = live.product_coupon_id;
    const send = (current: number) =>
      c.send('POST', paths.budget(id, bundleOf(live)), {
        out_request_no: requestNo,
        brand_id: brand(),
        ...total(current, 300),
      });
    await expectError(await send(1), 400, 'INVALID_REQUEST');
    const ok = await json<{ stock_list: { stock_send_rule: { max_count: number } }[] }>(await send(100));
    expect(ok.stock_list[0]?.stock_send_rule.max_count).toBe(300);
    await expectError(await send(300), 400, 'ALREADY_EXISTS');
  });
});

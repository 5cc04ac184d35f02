import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import {
  bundleInput,
  createCoupon,
  getStock,
  json,
  no,
  paths,
  type StockBundleT,
  type StockPageT,
  sendBundle,
  setNotifyUrl,
} from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

describe('添加商品券批次组', () => {
  it('adds N stocks with indexes 0..N-1, numbered after the existing ones; a replay returns the first answer', async () => {
    const created = await createCoupon(c);
    const id = created.product_coupon_id;
    const body = {
      out_request_no: no('ADD'),
      brand_id: c.merchant.brandId,
      stock_bundle: bundleInput(c, { rounds: [500, 600, 700], maxCount: 50, maxCountPerDay: 7 }),
    };
    const added = await json<StockBundleT>(await c.send('POST', paths.bundles(id), body));
    expect(added.stock_bundle_id).not.toBe(created.stock_bundle!.stock_bundle_id);
    expect(added.stock_list.map((s) => s.stock_id)).toEqual(['004', '005', '006'].map((n) => id + n));
    expect(added.stock_list.map((s) => s.stock_bundle_info?.stock_bundle_index)).toEqual([0, 1, 2]);
    expect(added.stock_list.map((s) => s.stock_send_rule.max_count_per_day)).toEqual([7, undefined, undefined]);
    expect(added.stock_list.every((s) => s.state === 'SENDING')).toBe(true);
    expect(await json(await c.send('POST', paths.bundles(id), body))).toEqual(added);

    const page = await json<StockPageT>(
      await c.send('GET', paths.stocks(id, { brand_id: c.merchant.brandId, stock_bundle_id: added.stock_bundle_id })),
    );
    expect(page.stock_list).toEqual(added.stock_list);
  });
  it('concurrent adds to one product coupon all succeed with distinct stock ids', async () => {
    const created = await createCoupon(c);
    const id = created.product_coupon_id;
    const added = await Promise.all(
      Array.from({ length: 10 }, async () =>
        json<StockBundleT>(
          await c.send('POST', paths.bundles(id), {
            out_request_no: no('PAR'),
            brand_id: c.merchant.brandId,
            stock_bundle: bundleInput(c),
          }),
        ),
      ),
    );
    const ids = added.flatMap((b) => b.stock_list.map((s) => s.stock_id));
    expect(new Set(ids).size).toBe(30);
    const page = await json<StockPageT>(await c.send('GET', paths.stocks(id, { brand_id: c.merchant.brandId })));
    expect(page.total_count).toBe(33);
  });
});

describe('修改商品券批次组', () => {
  it('changes display and notify settings of every stock; store_scope omitted means NONE; rules untouched', async () => {
    const created = await createCoupon(c);
    const id = created.product_coupon_id;
    const bundleId = created.stock_bundle!.stock_bundle_id;
    const first = {
      out_request_no: no('MODB'),
      brand_id: c.merchant.brandId,
      remark: '改过的备注',
      coupon_display_info: { code_display_mode: 'BARCODE', background_color: 'Color050' },
      store_scope: 'ALL',
    };
    const changed = await json<StockBundleT>(await c.send('PATCH', paths.bundle(id, bundleId), first));
    expect(changed.stock_bundle_id).toBe(bundleId);
    changed.stock_list.forEach((s, i) => {
      const before = created.stock_bundle!.stock_list[i]!;
      expect(s).toEqual({
        ...before,
        remark: '改过的备注',
        coupon_display_info: first.coupon_display_info,
        store_scope: 'ALL',
      });
    });

    const second = {
      out_request_no: no('MODB'),
      brand_id: c.merchant.brandId,
      usage_rule_display_info: { coupon_usage_method_list: ['OFFLINE', 'PAYMENT_CODE'], usage_description: '到店使用' },
      notify_config: { notify_appid: c.merchant.appid },
    };
    const again = await json<StockBundleT>(await c.send('PATCH', paths.bundle(id, bundleId), second));
    for (const s of again.stock_list)
      expect(s).toMatchObject({
        remark: '改过的备注',
        coupon_display_info: first.coupon_display_info,
        usage_rule_display_info: second.usage_rule_display_info,
        store_scope: 'NONE',
      });
    expect(await getStock(c, created, 2)).toEqual(again.stock_list[2]);
    expect(await json(await c.send('PATCH', paths.bundle(id, bundleId), second))).toEqual(again);
  });
});

describe('修改商品券批次组发放预算 (D-11)', () => {
  it('MAX_COUNT changes every stock; MAX_COUNT_PER_DAY only stock #0; down to exactly what was issued', async () => {
    const created = await createCoupon(c, { maxCount: 100, maxCountPerDay: 10, maxCountPerUser: 1 });
    const id = created.product_coupon_id;
    const bundleId = created.stock_bundle!.stock_bundle_id;
    for (const openid of ['o-b1', 'o-b2', 'o-b3']) await sendBundle(c, created, openid);
    const budget = (body: Record<string, unknown>) =>
      c.send('POST', paths.budget(id, bundleId), {
        out_request_no: no('BUDGET'),
        brand_id: c.merchant.brandId,
        ...body,
      });

    const total = await json<StockBundleT>(
      await budget({ update_mode: 'MAX_COUNT', current_max_count: 100, target_max_count: 3 }),
    );
    expect(total.stock_list.map((s) => s.stock_send_rule)).toEqual([
      { max_count: 3, max_count_per_day: 10, max_count_per_user: 1 },
      { max_count: 3, max_count_per_user: 1 },
      { max_count: 3, max_count_per_user: 1 },
    ]);
    expect(total.stock_list[0]?.sent_count_info).toEqual({ total_count: 3, today_count: 3 });
    await sendBundle(c, created, 'o-b4', 403);

    await json(await budget({ update_mode: 'MAX_COUNT', current_max_count: 3, target_max_count: 1000 }));
    const daily = await json<StockBundleT>(
      await budget({ update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 10, target_max_count_per_day: 4 }),
    );
    expect(daily.stock_list.map((s) => s.stock_send_rule.max_count_per_day)).toEqual([4, undefined, undefined]);
    expect(daily.stock_list.map((s) => s.stock_send_rule.max_count)).toEqual([1000, 1000, 1000]);
    await sendBundle(c, created, 'o-b5');
    await sendBundle(c, created, 'o-b6', 403);
    expect((await getStock(c, created, 0)).stock_send_rule).toEqual({
      max_count: 1000,
      max_count_per_day: 4,
      max_count_per_user: 1,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedProductCouponT,
  createSingleCoupon,
  expectError,
  json,
  no,
  paths,
  type StockT,
  setNotifyUrl,
  singleStockInput,
} from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { associatedStores, registerStores, type StoreChangeResultT, storeList, storePaths } from './helpers.js';

/** 批次关联门店 / 批次取消关联门店 on single-mode stocks (D-81, D-82). */
let c: Running;
let ids: string[];
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  ids = await registerStores(c, 40);
});
afterAll(() => c.close());

const DAY = 86_400;
const brand = () => c.merchant.brandId;
const stockOf = (x: CreatedProductCouponT) => x.stock!.stock_id;
const change = (x: CreatedProductCouponT, stockId: string, action: 'associate' | 'disassociate', list: string[]) =>
  c.send('POST', storePaths.stock(x.product_coupon_id, stockId, action), {
    store_list: storeList(list),
    brand_id: brand(),
  });
const held = async (stockId: string) => (await c.store.listStockStores({ stockId, limit: 1000 })).storeIds;

async function addSpecificStock(x: CreatedProductCouponT): Promise<string> {
  const stock = singleStockInput(c, { storeScope: 'SPECIFIC' });
  const res = await c.send('POST', paths.addStock(x.product_coupon_id), {
    out_request_no: no('ADDS'),
    brand_id: brand(),
    stock,
  });
  return (await json<StockT>(res)).stock_id;
}

describe('single-mode stocks', () => {
  it('associate and disassociate change that stock alone; repeats answer the same', async () => {
    const x = await createSingleCoupon(c, { storeScope: 'SPECIFIC' });
    const first = stockOf(x);
    const second = await addSpecificStock(x);
    const answer = await json<StoreChangeResultT>(
      await change(x, first, 'associate', [ids[0]!, ids[1]!, ids[0]!, 'nope']),
    );
    expect(answer).toEqual({
      total_count: 3,
      success_store_list: [{ store_id: ids[0] }, { store_id: ids[1] }],
      failed_store_list: [{ store_id: 'nope', code: 'INVALID_REQUEST', message: '门店ID非法或不属于当前品牌' }],
    });
    expect(await (await change(x, first, 'associate', [ids[0]!, ids[1]!, ids[0]!, 'nope'])).json()).toEqual(answer);
    expect(await associatedStores(c, x.product_coupon_id, first)).toEqual([ids[0], ids[1]]);
    expect(await associatedStores(c, x.product_coupon_id, second)).toEqual([]);
    await json(await change(x, second, 'associate', [ids[2]!]));
    await json(await change(x, first, 'disassociate', [ids[0]!]));
    expect(await associatedStores(c, x.product_coupon_id, first)).toEqual([ids[1]]);
    expect(await associatedStores(c, x.product_coupon_id, second)).toEqual([ids[2]]);
  });

  it('the documented errors on a single-mode stock', async () => {
    const none = await createSingleCoupon(c, { storeScope: 'NONE' });
    for (const action of ['associate', 'disassociate'] as const) {
      const verb = action === 'associate' ? '关联' : '取消关联';
      await expectError(
        await change(none, stockOf(none), action, ids.slice(0, 2)),
        400,
        'INVALID_REQUEST',
        `只有 store_scope 为 SPECIFIC 的批次可以${verb}门店`,
      );
      await expectError(
        await change(none, '700000000000000000', action, ids),
        404,
        'NOT_FOUND',
        '未找到 stock_id 对应的商品券批次',
      );
      await expectError(
        await c.send('POST', storePaths.bundle(none.product_coupon_id, none.product_coupon_id, action), {
          store_list: storeList(ids),
          brand_id: brand(),
        }),
        400,
        'INVALID_REQUEST',
        '没有批次组',
      );
    }
    const now = c.clock.now().getTime();
    const ending = await createSingleCoupon(c, { storeScope: 'SPECIFIC', endMs: now + 2 * DAY * 1000 });
    c.clock.advance(3 * DAY);
    try {
      await expectError(
        await change(ending, stockOf(ending), 'associate', ids),
        400,
        'INVALID_REQUEST',
        '已过期的批次不可关联门店',
      );
      await expectError(
        await change(ending, stockOf(ending), 'disassociate', ids),
        400,
        'INVALID_REQUEST',
        '已过期的批次不可取消关联门店',
      );
    } finally {
      c.clock.advance(-3 * DAY);
    }
    const dead = await createSingleCoupon(c, { storeScope: 'SPECIFIC' });
    await json(
      await c.send('POST', paths.deactivate(dead.product_coupon_id), {
        out_request_no: no('DEACT'),
        deactivate_reason: '活动结束',
        brand_id: brand(),
      }),
    );
    await expectError(
      await change(dead, stockOf(dead), 'associate', ids),
      400,
      'INVALID_REQUEST',
      '传入参数不符合业务规则：批次已失效',
    );
  });

  it('two overlapping associate calls, and an associate racing a disassociate, on one stock', async () => {
    for (let round = 0; round < 4; round++) {
      const x = await createSingleCoupon(c, { storeScope: 'SPECIFIC' });
      const stockId = stockOf(x);
      await Promise.all([
        change(x, stockId, 'associate', ids.slice(0, 25)),
        change(x, stockId, 'associate', ids.slice(15, 40)),
      ]);
      expect(await held(stockId)).toEqual([...ids].sort());
      const set = ids.slice(0, 20);
      const answers = await Promise.all([
        change(x, stockId, 'disassociate', set),
        change(x, stockId, 'associate', set),
      ]);
      for (const res of answers) expect(res.status).toBe(200);
      const left = await held(stockId);
      expect([[...ids.slice(20)].sort(), [...ids].sort()]).toContainEqual(left);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, no, paths, setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { changeBundle, createScoped, registerStores, type StoreChangeResultT, stockIdsOf } from './helpers.js';

let c: Running;
let ids: string[];
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  ids = await registerStores(c, 60);
});
afterAll(() => c.close());

/** What each stock of the bundle holds, read straight from the store. */
const held = async (stockIds: string[]) =>
  Promise.all(stockIds.map(async (stockId) => (await c.store.listStockStores({ stockId, limit: 1000 })).storeIds));

const sorted = (list: string[]) => [...list].sort();

describe('concurrent store changes on one bundle (D-81)', () => {
  it('two overlapping associate calls at once: every stock holds exactly the union', async () => {
    for (let round = 0; round < 5; round++) {
      const x = await createScoped(c);
      const a = ids.slice(0, 35);
      const b = ids.slice(20, 60);
      const [ra, rb] = await Promise.all([changeBundle(c, x, 'associate', a), changeBundle(c, x, 'associate', b)]);
      expect((await json<StoreChangeResultT>(ra)).success_store_list).toHaveLength(35);
      expect((await json<StoreChangeResultT>(rb)).success_store_list).toHaveLength(40);
      for (const stores of await held(stockIdsOf(x))) expect(stores).toEqual(sorted(ids));
    }
  });

  it('associate racing disassociate of the same stores: all of them or none, the same on every stock', async () => {
    for (let round = 0; round < 8; round++) {
      const x = await createScoped(c);
      const set = ids.slice(round * 5, round * 5 + 20);
      const answers = await Promise.all([
        changeBundle(c, x, 'associate', set),
        changeBundle(c, x, 'disassociate', set),
      ]);
      for (const res of answers) expect(res.status).toBe(200);
      const stocks = await held(stockIdsOf(x));
      expect([0, 20]).toContain(stocks[0]!.length);
      for (const stores of stocks) expect(stores).toEqual(stocks[0]);
      if (stocks[0]!.length === 20) expect(stocks[0]).toEqual(sorted(set));
    }
  });

  it('an associate call and a removed/added half at once leave exactly the sequential result of one order', async () => {
    const x = await createScoped(c);
    const base = ids.slice(0, 20);
    await json(await changeBundle(c, x, 'associate', base));
    const extra = ids.slice(20, 30);
    const gone = ids.slice(0, 10);
    await Promise.all([changeBundle(c, x, 'associate', extra), changeBundle(c, x, 'disassociate', gone)]);
    for (const stores of await held(stockIdsOf(x))) expect(stores).toEqual(sorted(ids.slice(10, 30)));
  });

  it('ten identical calls at once: the same answer ten times, the stores once', async () => {
    const x = await createScoped(c);
    const set = ids.slice(0, 12);
    const texts = await Promise.all(
      Array.from({ length: 10 }, async () => (await changeBundle(c, x, 'associate', set)).text()),
    );
    expect(new Set(texts).size).toBe(1);
    for (const stores of await held(stockIdsOf(x))) expect(stores).toEqual(sorted(set));
  });

  it('associate racing a modify to store_scope NONE: stored only when it answered 200', async () => {
    for (let round = 0; round < 6; round++) {
      const x = await createScoped(c);
      const [associated, modified] = await Promise.all([
        changeBundle(c, x, 'associate', ids.slice(0, 10)),
        c.send('PATCH', paths.bundle(x.product_coupon_id, x.stock_bundle!.stock_bundle_id), {
          out_request_no: no('MODB'),
          brand_id: c.merchant.brandId,
          store_scope: 'NONE',
        }),
      ]);
      expect(modified.status).toBe(200);
      const stocks = await held(stockIdsOf(x));
      if (associated.status === 200) for (const stores of stocks) expect(stores).toEqual(sorted(ids.slice(0, 10)));
      else {
        expect(await associated.json()).toMatchObject({
          code: 'INVALID_REQUEST',
          message: '只有 store_scope 为 SPECIFIC 的批次可以关联门店',
        });
        for (const stores of stocks) expect(stores).toEqual([]);
      }
    }
  });
});

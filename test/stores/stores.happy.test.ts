import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import {
  admin,
  associatedStores,
  changeBundle,
  createScoped,
  registerStores,
  type StoreChangeResultT,
  type StorePageT,
  stockIdsOf,
  storePaths,
} from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

const failed = (store_id: string) => ({ store_id, code: 'INVALID_REQUEST', message: '门店ID非法或不属于当前品牌' });

describe('registering stores (admin API, D-80)', () => {
  it('201 with the given or a generated id; 200 again for the same brand; 409 for another brand; 404 brand', async () => {
    const [id] = await registerStores(c, 1);
    const brand = c.merchant.brandId;
    expect(await admin(c, 'POST', `/admin/v1/brands/${brand}/stores`, { store_id: id })).toEqual({
      status: 200,
      body: { brand_id: brand, store_id: id },
    });
    const generated = await admin(c, 'POST', `/admin/v1/brands/${brand}/stores`, {});
    expect(generated.status).toBe(201);
    expect(generated.body.store_id).toMatch(/^[0-9]{12}$/);
    const other = await admin(c, 'POST', '/admin/v1/brands', { name: '另一品牌' });
    const taken = await admin(c, 'POST', `/admin/v1/brands/${other.body.brand_id}/stores`, { store_id: id });
    expect(taken).toMatchObject({ status: 409, body: { code: 'ALREADY_EXISTS' } });
    expect(await admin(c, 'POST', '/admin/v1/brands/nobrand/stores', {})).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    const bad = await admin(c, 'POST', `/admin/v1/brands/${brand}/stores`, { store_id: 'has space' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'PARAM_ERROR' } });
  });
});

describe('批次组批量关联 / 取消关联门店 and 查询批次关联门店列表', () => {
  it('associates the deduplicated stores with every stock of the bundle; unknown ones fail one by one', async () => {
    const x = await createScoped(c);
    const ids = await registerStores(c, 3);
    const other = await admin(c, 'POST', '/admin/v1/brands', { name: '别的品牌' });
    const [foreign] = await registerStores(c, 1, other.body.brand_id as string);
    const answer = await json<StoreChangeResultT>(
      await changeBundle(c, x, 'associate', [ids[0]!, 'unknown-store', ids[1]!, ids[0]!, foreign!, ids[2]!]),
    );
    expect(answer).toEqual({
      total_count: 5,
      success_store_list: [ids[0], ids[1], ids[2]].map((store_id) => ({ store_id })),
      failed_store_list: [failed('unknown-store'), failed(foreign!)],
    });
    for (const stockId of stockIdsOf(x)) expect(await associatedStores(c, x.product_coupon_id, stockId)).toEqual(ids);
  });

  it('a repeated call answers the same and changes nothing; disassociating leaves the rest', async () => {
    const x = await createScoped(c);
    const ids = await registerStores(c, 4);
    const first = await (await changeBundle(c, x, 'associate', ids)).text();
    const again = await (await changeBundle(c, x, 'associate', ids)).text();
    expect(again).toBe(first);
    const gone = await json<StoreChangeResultT>(await changeBundle(c, x, 'disassociate', [ids[1]!, ids[3]!]));
    expect(gone).toEqual({
      total_count: 2,
      success_store_list: [{ store_id: ids[1] }, { store_id: ids[3] }],
      failed_store_list: [],
    });
    const twice = await json<StoreChangeResultT>(await changeBundle(c, x, 'disassociate', [ids[1]!, ids[3]!]));
    expect(twice).toEqual(gone);
    for (const stockId of stockIdsOf(x))
      expect(await associatedStores(c, x.product_coupon_id, stockId)).toEqual([ids[0], ids[2]]);
  });

  it('200 stores in one call, listed 20 by default and up to 200 a page, total_count on the first page only', async () => {
    const x = await createScoped(c);
    const ids = await registerStores(c, 200);
    const answer = await json<StoreChangeResultT>(await changeBundle(c, x, 'associate', ids));
    expect(answer.total_count).toBe(200);
    expect(answer.success_store_list).toHaveLength(200);
    const stockId = stockIdsOf(x)[1]!;
    const brand_id = c.merchant.brandId;
    const first = await json<StorePageT>(
      await c.send('GET', storePaths.list(x.product_coupon_id, stockId, { brand_id })),
    );
    expect(first.total_count).toBe(200);
    expect(first.store_list).toEqual(ids.slice(0, 20).map((store_id) => ({ store_id })));
    const second = await json<StorePageT>(
      await c.send(
        'GET',
        storePaths.list(x.product_coupon_id, stockId, { brand_id, page_token: first.next_page_token! }),
      ),
    );
    expect(second.total_count).toBeUndefined();
    expect(second.store_list).toEqual(ids.slice(20, 40).map((store_id) => ({ store_id })));
    const whole = await json<StorePageT>(
      await c.send('GET', storePaths.list(x.product_coupon_id, stockId, { brand_id, page_size: 200 })),
    );
    expect(whole).toEqual({ total_count: 200, store_list: ids.map((store_id) => ({ store_id })) });
  });

  it('an empty list: total 0, no stores, no next page', async () => {
    const x = await createScoped(c);
    const page = await json<StorePageT>(
      await c.send('GET', storePaths.list(x.product_coupon_id, stockIdsOf(x)[0]!, { brand_id: c.merchant.brandId })),
    );
    expect(page).toEqual({ total_count: 0, store_list: [] });
  });
});

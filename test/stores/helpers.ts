import { pathOf, type QueryParams } from '@coupond/client';
import { expect } from 'vitest';
import type { StoreChangeResultT, StorePageT } from '../../src/schemas/stores.js';
import { type BundleOptions, type CreatedProductCouponT, createCoupon, json } from '../catalog/helpers.js';
import type { Running } from '../harness.js';

export type { StoreChangeResultT, StorePageT };

type Action = 'associate' | 'disassociate';

export const storePaths = {
  bundle: (product_coupon_id: string, stock_bundle_id: string, action: Action) =>
    pathOf(
      `v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stock-bundles/{stock_bundle_id}/${action}-stores`,
      { product_coupon_id, stock_bundle_id },
    ),
  stock: (product_coupon_id: string, stock_id: string, action: Action) =>
    pathOf(
      `v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}/${action}-stores`,
      {
        product_coupon_id,
        stock_id,
      },
    ),
  list: (product_coupon_id: string, stock_id: string, query: QueryParams) =>
    pathOf(
      'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}/associated-stores',
      { product_coupon_id, stock_id },
      query,
    ),
};

/** coupond's admin API with the admin token. */
export async function admin(c: Running, method: string, path: string, body?: unknown) {
  const res = await fetch(`${c.baseURL}${path.replace(/^\//, '')}`, {
    method,
    headers: {
      Authorization: `Bearer ${c.adminToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let stores = 0;
/** Fresh store ids, unique within the run, registered to `brandId` (the demo brand by default). */
export async function registerStores(c: Running, count: number, brandId = c.merchant.brandId): Promise<string[]> {
  const run = Date.now().toString(36);
  const ids = Array.from({ length: count }, () => `S${run}${String(++stores).padStart(5, '0')}`);
  for (const store_id of ids) {
    const res = await admin(c, 'POST', `/admin/v1/brands/${brandId}/stores`, { store_id });
    expect(res).toEqual({ status: 201, body: { brand_id: brandId, store_id } });
  }
  return ids;
}

export const storeList = (ids: string[]) => ids.map((store_id) => ({ store_id }));

/** A product coupon whose bundle is `SPECIFIC` unless told otherwise. */
export const createScoped = (c: Running, o: BundleOptions = {}): Promise<CreatedProductCouponT> =>
  createCoupon(c, { storeScope: 'SPECIFIC', ...o });

export const bundleIdOf = (x: CreatedProductCouponT) => x.stock_bundle!.stock_bundle_id;
export const stockIdsOf = (x: CreatedProductCouponT) => x.stock_bundle!.stock_list.map((s) => s.stock_id);

export async function changeBundle(
  c: Running,
  x: CreatedProductCouponT,
  action: 'associate' | 'disassociate',
  ids: string[],
): Promise<Response> {
  return c.send('POST', storePaths.bundle(x.product_coupon_id, bundleIdOf(x), action), {
    store_list: storeList(ids),
    brand_id: c.merchant.brandId,
  });
}

/** Every store associated with a stock, read page by page (page size 7) through the API. */
export async function associatedStores(c: Running, productCouponId: string, stockId: string): Promise<string[]> {
  const all: string[] = [];
  let token: string | undefined;
  do {
    const query = { brand_id: c.merchant.brandId, page_size: 7, ...(token ? { page_token: token } : {}) };
    const page = await json<StorePageT>(await c.send('GET', storePaths.list(productCouponId, stockId, query)));
    all.push(...(page.store_list ?? []).map((s) => s.store_id));
    token = page.next_page_token;
  } while (token);
  return all;
}

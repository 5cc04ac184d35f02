import { type Static, Type } from '@sinclair/typebox';
import { Body, BrandId, ObjectId, Query } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';

/** 批次组批量关联 / 取消关联门店, 批次关联 / 取消关联门店, 查询批次关联门店列表 (D-80 … D-83). */

/** 单次最多可批量关联（取消）200个门店. */
export const MAX_STORES_PER_CALL = 200;

const StoreRef = Type.Object({ store_id: ObjectId });

export const StoreListBody = Body({
  store_list: Type.Array(Body({ store_id: ObjectId }), { minItems: 1, maxItems: MAX_STORES_PER_CALL }),
  brand_id: BrandId,
});
export type StoreListBodyT = Static<typeof StoreListBody>;

export const StoreChangeResult = Type.Object({
  /** Stores in the request after duplicates are removed. */
  total_count: Type.Integer({ minimum: 0 }),
  success_store_list: Type.Optional(Type.Array(StoreRef)),
  failed_store_list: Type.Optional(
    Type.Array(
      Type.Object({
        store_id: ObjectId,
        code: Type.String({ maxLength: 40 }),
        message: Type.String({ maxLength: 200 }),
      }),
    ),
  ),
});
export type StoreChangeResultT = Static<typeof StoreChangeResult>;

export const AssociatedStoresQuery = Query({
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_STORES_PER_CALL, default: 20 })),
  page_token: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  brand_id: BrandId,
});
export type AssociatedStoresQueryT = Static<typeof AssociatedStoresQuery>;

export const StorePage = Type.Object({
  /** Only on the first page (request without `page_token`). */
  total_count: Type.Optional(Type.Integer({ minimum: 0 })),
  store_list: Type.Optional(Type.Array(StoreRef)),
  /** Absent on the last page. */
  next_page_token: Type.Optional(Type.String({ maxLength: 100 })),
});
export type StorePageT = Static<typeof StorePage>;

const couponPath = `${PARTNER_PREFIX}/product-coupons/{product_coupon_id}`;
const BundleParams = Type.Object({ product_coupon_id: ObjectId, stock_bundle_id: ObjectId });
const StockParams = Type.Object({ product_coupon_id: ObjectId, stock_id: ObjectId });

export const associateBundleStores = defineEndpoint({
  name: 'associateBundleStores',
  summary: '批次组批量关联门店',
  method: 'POST',
  path: `${couponPath}/stock-bundles/{stock_bundle_id}/associate-stores`,
  params: BundleParams,
  body: StoreListBody,
  response: StoreChangeResult,
  rate: 'management',
});

export const disassociateBundleStores = defineEndpoint({
  name: 'disassociateBundleStores',
  summary: '批次组批量取消关联门店',
  method: 'POST',
  path: `${couponPath}/stock-bundles/{stock_bundle_id}/disassociate-stores`,
  params: BundleParams,
  body: StoreListBody,
  response: StoreChangeResult,
  rate: 'management',
});

export const associateStockStores = defineEndpoint({
  name: 'associateStockStores',
  summary: '批次关联门店',
  method: 'POST',
  path: `${couponPath}/stocks/{stock_id}/associate-stores`,
  params: StockParams,
  body: StoreListBody,
  response: StoreChangeResult,
  rate: 'management',
});

export const disassociateStockStores = defineEndpoint({
  name: 'disassociateStockStores',
  summary: '批次取消关联门店',
  method: 'POST',
  path: `${couponPath}/stocks/{stock_id}/disassociate-stores`,
  params: StockParams,
  body: StoreListBody,
  response: StoreChangeResult,
  rate: 'management',
});

export const listAssociatedStores = defineEndpoint({
  name: 'listAssociatedStores',
  summary: '查询批次关联门店列表',
  method: 'GET',
  path: `${couponPath}/stocks/{stock_id}/associated-stores`,
  params: StockParams,
  query: AssociatedStoresQuery,
  response: StorePage,
  rate: 'management',
});

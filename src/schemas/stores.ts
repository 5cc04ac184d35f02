import { type Static, Type } from '@sinclair/typebox';
import { Body, BrandId, ObjectId, Query } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';

/** 批次组批量关联 / 取消关联门店, 批次关联 / 取消关联门店, 查询批次关联门店列表 (D-80 … D-84). */

/** 单次最多可批量关联（取消）200个门店. */
const MAX_STORES_PER_CALL = 200;

const StoreRef = Type.Object({ store_id: ObjectId });

const StoreListBody = Body({
  store_list: Type.Array(Body({ store_id: ObjectId }), { minItems: 1, maxItems: MAX_STORES_PER_CALL }),
  brand_id: BrandId,
});
export type StoreListBodyT = Static<typeof StoreListBody>;

const StoreChangeResult = Type.Object({
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

const AssociatedStoresQuery = Query({
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_STORES_PER_CALL, default: 20 })),
  page_token: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  brand_id: BrandId,
});
export type AssociatedStoresQueryT = Static<typeof AssociatedStoresQuery>;

const StorePage = Type.Object({
  /** Only on the first page (request without `page_token`). */
  total_count: Type.Optional(Type.Integer({ minimum: 0 })),
  store_list: Type.Optional(Type.Array(StoreRef)),
  /** Absent on the last page. */
  next_page_token: Type.Optional(Type.String({ maxLength: 100 })),
});
export type StorePageT = Static<typeof StorePage>;

const couponPath = `${PARTNER_PREFIX}/product-coupons/{product_coupon_id}` as const;
const BundleParams = Type.Object({ product_coupon_id: ObjectId, stock_bundle_id: ObjectId });
const StockParams = Type.Object({ product_coupon_id: ObjectId, stock_id: ObjectId });

/** The four changes share their body and answer; only name, summary, path and path parameters differ. */
const storeChange = <
  const N extends string,
  const P extends string,
  const T extends typeof BundleParams | typeof StockParams,
>(
  name: N,
  summary: string,
  path: P,
  params: T,
) =>
  defineEndpoint({
    name,
    summary,
    method: 'POST',
    path,
    params,
    body: StoreListBody,
    response: StoreChangeResult,
    rate: 'management',
  });

const bundlePath = `${couponPath}/stock-bundles/{stock_bundle_id}` as const;
const stockPath = `${couponPath}/stocks/{stock_id}` as const;

export const associateBundleStores = storeChange(
  'associateBundleStores',
  '批次组批量关联门店',
  `${bundlePath}/associate-stores`,
  BundleParams,
);
export const disassociateBundleStores = storeChange(
  'disassociateBundleStores',
  '批次组批量取消关联门店',
  `${bundlePath}/disassociate-stores`,
  BundleParams,
);
export const associateStockStores = storeChange(
  'associateStockStores',
  '批次关联门店',
  `${stockPath}/associate-stores`,
  StockParams,
);
export const disassociateStockStores = storeChange(
  'disassociateStockStores',
  '批次取消关联门店',
  `${stockPath}/disassociate-stores`,
  StockParams,
);

export const listAssociatedStores = defineEndpoint({
  name: 'listAssociatedStores',
  summary: '查询批次关联门店列表',
  method: 'GET',
  path: `${stockPath}/associated-stores`,
  params: StockParams,
  query: AssociatedStoresQuery,
  response: StorePage,
  rate: 'management',
});

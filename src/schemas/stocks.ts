import { Type } from '@sinclair/typebox';
import { BrandId, ObjectId, Query } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import { Stock, StockState } from './objects/stock.js';

/** 查询商品券批次列表 / 指定批次 */

const stocksPath = `${PARTNER_PREFIX}/product-coupons/{product_coupon_id}/stocks`;

/** Query values arrive as strings; the route converts them (`Value.Convert`) before validating. */
export const ListStocksQuery = Query({
  brand_id: BrandId,
  state: Type.Optional(StockState),
  stock_bundle_id: Type.Optional(ObjectId),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  page_token: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const StockPage = Type.Object({
  /** Only on the first page (request without `page_token`). */
  total_count: Type.Optional(Type.Integer({ minimum: 0 })),
  stock_list: Type.Optional(Type.Array(Stock)),
  /** Absent on the last page. */
  next_page_token: Type.Optional(Type.String({ maxLength: 100 })),
});

export const listStocks = defineEndpoint({
  name: 'listStocks',
  summary: '查询商品券批次列表',
  method: 'GET',
  path: stocksPath,
  params: Type.Object({ product_coupon_id: ObjectId }),
  query: ListStocksQuery,
  response: StockPage,
  rate: 'management',
});

export const getStock = defineEndpoint({
  name: 'getStock',
  summary: '查询商品券指定批次',
  method: 'GET',
  path: `${stocksPath}/{stock_id}`,
  params: Type.Object({ product_coupon_id: ObjectId, stock_id: ObjectId }),
  query: Query({ brand_id: BrandId }),
  response: Stock,
  rate: 'management',
});

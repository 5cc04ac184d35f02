import { type Static, Type } from '@sinclair/typebox';
import { Body, BrandId, ObjectId, Query, RequestNo } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import { Input, StoreScope, Text } from './objects/product-coupon.js';
import { CouponCodeMode, Stock, StockSendRuleInput, StockState } from './objects/stock.js';
import { ModifyStocksBody, UpdateBudgetBody } from './stock-bundles.js';

/** 添加商品券批次 / 修改商品券批次 / 失效商品券批次 (single mode), 查询商品券批次列表 / 指定批次 */

const stocksPath = `${PARTNER_PREFIX}/product-coupons/{product_coupon_id}/stocks`;
const StockParams = Type.Object({ product_coupon_id: ObjectId, stock_id: ObjectId });

const singleStockFields = {
  remark: Type.Optional(Text(20, 0)),
  coupon_code_mode: CouponCodeMode,
  stock_send_rule: StockSendRuleInput,
  usage_rule_display_info: Input.UsageRuleDisplayInfo,
  coupon_display_info: Input.CouponDisplayInfo,
  notify_config: Input.NotifyConfig,
  store_scope: StoreScope,
};

/** The `stock` of 创建商品券 with `usage_mode=SINGLE`. */
export const SingleStockInput = Body({ ...singleStockFields, single_usage_rule: Input.SingleUsageRule });
/** The `stock` of 添加商品券批次: `single_usage_rule` is required for single-mode product coupons (catalog rules). */
const AddStockInput = Body({ ...singleStockFields, single_usage_rule: Type.Optional(Input.SingleUsageRule) });
export type AddStockInputT = Static<typeof AddStockInput>;

export const addStock = defineEndpoint({
  name: 'addStock',
  summary: '添加商品券批次',
  method: 'POST',
  path: stocksPath,
  params: Type.Object({ product_coupon_id: ObjectId }),
  body: Body({ out_request_no: RequestNo(), stock: AddStockInput, brand_id: BrandId }),
  response: Stock,
  rate: 'management',
});

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
  params: StockParams,
  query: Query({ brand_id: BrandId }),
  response: Stock,
  rate: 'management',
});

export const modifyStock = defineEndpoint({
  name: 'modifyStock',
  summary: '修改商品券批次',
  method: 'PATCH',
  path: `${stocksPath}/{stock_id}`,
  params: StockParams,
  body: ModifyStocksBody,
  response: Stock,
  rate: 'management',
});

export const updateStockBudget = defineEndpoint({
  name: 'updateStockBudget',
  summary: '修改商品券批次发放预算',
  method: 'POST',
  path: `${stocksPath}/{stock_id}/update-budget`,
  params: StockParams,
  body: UpdateBudgetBody,
  response: Stock,
  rate: 'management',
});

export const deactivateStock = defineEndpoint({
  name: 'deactivateStock',
  summary: '失效商品券批次',
  method: 'POST',
  path: `${stocksPath}/{stock_id}/deactivate`,
  params: StockParams,
  body: Body({ out_request_no: RequestNo(), deactivate_reason: Text(150), brand_id: BrandId }),
  response: Stock,
  rate: 'management',
});
export type DeactivateStockBodyT = Static<typeof deactivateStock.body>;

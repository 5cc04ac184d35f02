import type { AddStockInputT } from '../../schemas/stocks.js';
import type { StockBundleRecord, StockData, StockRecord, StockState } from '../../store/catalog.js';
import type { Owner } from './build.js';
import { stockIdOf } from './ids.js';

/**
 * Single-mode records (D-70): the product coupon's stock group, whose id is the product coupon's id, and its stocks,
 * numbered across the product coupon (`…001`, `…002` …) with their own total, daily and per-user caps.
 */

export function singleStockGroup(productCouponId: string, owner: Owner, at: string): StockBundleRecord {
  return { stockBundleId: productCouponId, productCouponId, ...owner, createdAt: at, kind: 'SINGLE' };
}

export interface NewSingleStock {
  productCouponId: string;
  /** How many stocks the product coupon has already; the new one is numbered after them. */
  existingStocks: number;
  state: StockState;
  at: string;
}

export function singleStockRecord(stock: AddStockInputT, owner: Owner, n: NewSingleStock): StockRecord {
  const stockId = stockIdOf(n.productCouponId, n.existingStocks + 1);
  const rule = stock.stock_send_rule;
  const data: StockData = {
    product_coupon_id: n.productCouponId,
    stock_id: stockId,
    ...(stock.remark !== undefined ? { remark: stock.remark } : {}),
    coupon_code_mode: stock.coupon_code_mode,
    ...(stock.coupon_code_mode === 'UPLOAD' ? { coupon_code_count_info: { total_count: 0, available_count: 0 } } : {}),
    ...(stock.single_usage_rule ? { single_usage_rule: stock.single_usage_rule } : {}),
    usage_rule_display_info: stock.usage_rule_display_info,
    coupon_display_info: stock.coupon_display_info,
    notify_config: stock.notify_config,
    store_scope: stock.store_scope,
  };
  return {
    stockId,
    stockBundleId: n.productCouponId,
    productCouponId: n.productCouponId,
    ...owner,
    index: n.existingStocks,
    state: n.state,
    data,
    maxCount: rule.max_count,
    maxCountPerUser: rule.max_count_per_user,
    maxCountPerDay: rule.max_count_per_day ?? null,
    totalCount: 0,
    todayCount: 0,
    deactivation: null,
    createdAt: n.at,
    updatedAt: n.at,
  };
}

import type { CouponType } from '../../domain/catalog-rules.js';
import type { CreateProductCouponBodyT } from '../../schemas/product-coupons.js';
import type { StockBundleInputT } from '../../schemas/stock-bundles.js';
import type {
  ProductCouponRecord,
  StockBundleRecord,
  StockData,
  StockRecord,
  StockState,
} from '../../store/catalog.js';
import { stockIdOf } from './ids.js';

/** Request bodies → the records a create or add-bundle writes (docs/fidelity.md, Objects). */

export interface Owner {
  mchid: string;
  brandId: string;
}

export function productCouponRecord(
  body: CreateProductCouponBodyT,
  productCouponId: string,
  owner: Owner,
  state: ProductCouponRecord['state'],
  at: string,
): ProductCouponRecord {
  return {
    productCouponId,
    ...owner,
    state,
    data: {
      product_coupon_id: productCouponId,
      scope: body.scope,
      type: body.type,
      usage_mode: body.usage_mode,
      ...(body.single_usage_info ? { single_usage_info: body.single_usage_info } : {}),
      ...(body.progressive_bundle_usage_info
        ? { progressive_bundle_usage_info: body.progressive_bundle_usage_info }
        : {}),
      display_info: body.display_info,
      ...(body.out_product_no !== undefined ? { out_product_no: body.out_product_no } : {}),
    },
    deactivation: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Each round's rule becomes the singular rule of one stock. */
function roundRules(bundle: StockBundleInputT, type: CouponType) {
  const rules = bundle.progressive_bundle_usage_rule;
  const period = rules.coupon_available_period;
  if (type === 'NORMAL')
    return (rules.normal_coupon_list ?? []).map((normal_coupon) => ({
      coupon_available_period: period,
      normal_coupon,
    }));
  if (type === 'DISCOUNT')
    return (rules.discount_coupon_list ?? []).map((discount_coupon) => ({
      coupon_available_period: period,
      discount_coupon,
    }));
  return (rules.exchange_coupon_list ?? []).map((exchange_coupon) => ({
    coupon_available_period: period,
    exchange_coupon,
  }));
}

export interface NewBundle {
  productCouponId: string;
  stockBundleId: string;
  type: CouponType;
  /** How many stocks the product coupon has already; the new ones are numbered after them. */
  existingStocks: number;
  state: StockState;
  at: string;
}

/**
 * One stock per round, index 0..n-1. Total and per-user caps go to every stock, the daily cap to stock #0 only;
 * code mode, display, notify and store settings are copied to all (docs/fidelity.md, Objects).
 */
export function bundleRecords(bundle: StockBundleInputT, owner: Owner, n: NewBundle) {
  const rule = bundle.stock_send_rule;
  const record: StockBundleRecord = {
    stockBundleId: n.stockBundleId,
    productCouponId: n.productCouponId,
    ...owner,
    createdAt: n.at,
    kind: 'BUNDLE',
  };
  const stocks = roundRules(bundle, n.type).map((round, index): StockRecord => {
    const stockId = stockIdOf(n.productCouponId, n.existingStocks + index + 1);
    const data: StockData = {
      product_coupon_id: n.productCouponId,
      stock_id: stockId,
      ...(bundle.remark !== undefined ? { remark: bundle.remark } : {}),
      coupon_code_mode: bundle.coupon_code_mode,
      ...(bundle.coupon_code_mode === 'UPLOAD'
        ? { coupon_code_count_info: { total_count: 0, available_count: 0 } }
        : {}),
      progressive_bundle_usage_rule: round,
      stock_bundle_info: { stock_bundle_id: n.stockBundleId, stock_bundle_index: index },
      usage_rule_display_info: bundle.usage_rule_display_info,
      coupon_display_info: bundle.coupon_display_info,
      notify_config: bundle.notify_config,
      store_scope: bundle.store_scope,
    };
    return {
      stockId,
      stockBundleId: n.stockBundleId,
      productCouponId: n.productCouponId,
      ...owner,
      index,
      state: n.state,
      data,
      maxCount: rule.max_count,
      maxCountPerUser: rule.max_count_per_user,
      maxCountPerDay: index === 0 ? (rule.max_count_per_day ?? null) : null,
      totalCount: 0,
      todayCount: 0,
      deactivation: null,
      createdAt: n.at,
      updatedAt: n.at,
    };
  });
  return { record, stocks };
}

import { checkDisplayInfo, checkUsageRuleDisplay } from './catalog/display.js';
import { badParam, breaksRule } from './catalog/fail.js';
import { checkAvailablePeriod } from './catalog/period.js';
import { checkRounds, checkScopeAndType } from './catalog/rounds.js';
import { checkCreateSingleCoupon, checkSingleStock } from './catalog/single.js';
import type {
  CouponType,
  CreateProductCouponInput,
  DisplayInfoInput,
  ProductCouponFacts,
  Scope,
  SingleStockInput,
  StockBundleInput,
  UsageRuleDisplayInput,
} from './catalog/types.js';

/**
 * The catalog's documented rules that a JSON schema cannot express. Each function runs after schema validation
 * and throws the first failure as a `CouponError`.
 */

export { budgetRefusalError, checkUpdateBudget, checkUpdateModeFields } from './catalog/budget.js';
export { checkStrength } from './catalog/rounds.js';
export type * from './catalog/types.js';

/** 创建商品券, in either usage mode. */
export function checkCreateProductCoupon(body: CreateProductCouponInput): void {
  if (body.usage_mode === 'SINGLE') {
    checkCreateSingleCoupon(body);
    return;
  }
  for (const field of ['single_usage_info', 'stock'] as const) {
    if (body[field] !== undefined) throw badParam(`/${field}`, 'usage_mode 为 PROGRESSIVE_BUNDLE 时不可填写');
  }
  const info = body.progressive_bundle_usage_info;
  if (info === undefined) {
    throw badParam('/progressive_bundle_usage_info', 'usage_mode 为 PROGRESSIVE_BUNDLE 时必填');
  }
  if (body.stock_bundle === undefined) throw badParam('/stock_bundle', 'usage_mode 为 PROGRESSIVE_BUNDLE 时必填');
  checkScopeAndType(body.scope, body.type);
  checkDisplayInfo(body.display_info, body.scope);
  checkStockBundle(body.stock_bundle, body.type, info.count);
}

/** 添加商品券批次组, against the stored product coupon. */
export function checkAddStockBundle(product: ProductCouponFacts, bundle: StockBundleInput): void {
  const count = product.progressive_bundle_usage_info?.count;
  if (product.usage_mode !== 'PROGRESSIVE_BUNDLE' || count === undefined) {
    throw breaksRule('/stock_bundle', '只能添加到 usage_mode 为 PROGRESSIVE_BUNDLE 的商品券');
  }
  checkStockBundle(bundle, product.type, count);
}

/** 添加商品券批次 (single mode), against the stored product coupon; bundles get their stocks by bundle (D-72). */
export function checkAddStock(product: ProductCouponFacts, stock: SingleStockInput): void {
  if (product.usage_mode !== 'SINGLE') throw breaksRule('/stock', '只能添加到 usage_mode 为 SINGLE 的商品券');
  checkSingleStock(stock, product.scope, product.type, '/stock');
}

/** Stock-bundle APIs (修改批次组, 修改批次组发放预算) on a single-mode product coupon (D-72). */
export function checkBundleMode(product: ProductCouponFacts): void {
  if (product.usage_mode !== 'PROGRESSIVE_BUNDLE')
    throw breaksRule('/stock_bundle_id', '商品券的 usage_mode 为 SINGLE，没有批次组');
}

/** 修改商品券: the new display info must suit the coupon's stored `scope`. */
export function checkModifyProductCoupon(scope: Scope, display: DisplayInfoInput): void {
  checkDisplayInfo(display, scope);
}

/** 修改商品券批次组. */
export function checkModifyStockBundle(body: { usage_rule_display_info?: UsageRuleDisplayInput }): void {
  if (body.usage_rule_display_info !== undefined)
    checkUsageRuleDisplay(body.usage_rule_display_info, '/usage_rule_display_info');
}

/** A new bundle's rules; `count` is the product coupon's usable times. Caps are in the schema. */
function checkStockBundle(bundle: StockBundleInput, type: CouponType, count: number, base = '/stock_bundle'): void {
  const rules = bundle.progressive_bundle_usage_rule;
  if (rules === undefined)
    throw badParam(`${base}/progressive_bundle_usage_rule`, 'usage_mode 为 PROGRESSIVE_BUNDLE 时必填');
  const rulesBase = `${base}/progressive_bundle_usage_rule`;
  checkAvailablePeriod(rules.coupon_available_period, `${rulesBase}/coupon_available_period`);
  checkRounds(rules, type, count, rulesBase);
  checkUsageRuleDisplay(bundle.usage_rule_display_info, `${base}/usage_rule_display_info`);
}

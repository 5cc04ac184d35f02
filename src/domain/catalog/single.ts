import { checkDisplayInfo, checkUsageRuleDisplay } from './display.js';
import { badParam } from './fail.js';
import { checkAvailablePeriod } from './period.js';
import { checkScopeAndType } from './rounds.js';
import type { CouponType, CreateProductCouponInput, Scope, SingleDiscountInput, SingleStockInput } from './types.js';

/**
 * Single-mode rules (创建商品券 with `usage_mode=SINGLE`, 添加商品券批次; D-71): with `scope=ALL` the discount is
 * given once in `single_usage_info` and stocks carry none; with `scope=SINGLE` each stock's `single_usage_rule`
 * carries its own.
 */

const RULE_OF = { NORMAL: 'normal_coupon', DISCOUNT: 'discount_coupon', EXCHANGE: 'exchange_coupon' } as const;

/** Exactly the rule matching `type` is present (`required`), or none at all; `why` says why one is refused. */
export function checkDiscount(
  given: SingleDiscountInput,
  type: CouponType,
  required: boolean,
  base: string,
  why: string,
) {
  const wanted = RULE_OF[type];
  for (const name of Object.values(RULE_OF)) {
    if (given[name] === undefined || (required && name === wanted)) continue;
    throw badParam(`${base}/${name}`, required ? `type 为 ${type} 时不可填写` : why);
  }
  if (required && given[wanted] === undefined) throw badParam(`${base}/${wanted}`, `type 为 ${type} 时必填`);
}

export function checkCreateSingleCoupon(body: CreateProductCouponInput): void {
  for (const field of ['progressive_bundle_usage_info', 'stock_bundle'] as const) {
    if (body[field] !== undefined) throw badParam(`/${field}`, 'usage_mode 为 SINGLE 时不可填写');
  }
  if (body.stock === undefined) throw badParam('/stock', 'usage_mode 为 SINGLE 时必填');
  checkScopeAndType(body.scope, body.type);
  checkDisplayInfo(body.display_info, body.scope);
  const info = body.single_usage_info;
  if (body.scope === 'ALL') {
    if (info === undefined) throw badParam('/single_usage_info', 'scope 为 ALL 时必填');
    checkDiscount(info, body.type, true, '/single_usage_info', '');
  } else if (info !== undefined) {
    throw badParam('/single_usage_info', 'scope 为 SINGLE 时不可填写，优惠规则填写在 stock.single_usage_rule 中');
  }
  checkSingleStock(body.stock, body.scope, body.type, '/stock');
}

/** A single-mode stock against its product coupon's `scope` and `type`. */
export function checkSingleStock(stock: SingleStockInput, scope: Scope, type: CouponType, base: string): void {
  const rule = stock.single_usage_rule;
  if (rule === undefined) throw badParam(`${base}/single_usage_rule`, 'usage_mode 为 SINGLE 时必填');
  const ruleBase = `${base}/single_usage_rule`;
  checkAvailablePeriod(rule.coupon_available_period, `${ruleBase}/coupon_available_period`);
  const why = 'scope 为 ALL 时不可填写，优惠规则取自商品券的 single_usage_info';
  checkDiscount(rule, type, scope === 'SINGLE', ruleBase, why);
  checkUsageRuleDisplay(stock.usage_rule_display_info, `${base}/usage_rule_display_info`);
}

import { badParam, breaksRule } from './fail.js';
import type { CouponType, RoundRulesInput, Scope } from './types.js';

/** The per-round discount rules of a bundle (docs/fidelity.md, Objects). */

const LIST_OF = {
  NORMAL: 'normal_coupon_list',
  DISCOUNT: 'discount_coupon_list',
  EXCHANGE: 'exchange_coupon_list',
} as const;

/** Which field measures a round's strength, and whether stronger means larger (+1) or smaller (-1). */
const STRENGTH = {
  NORMAL: { key: 'discount_amount', direction: 1 },
  DISCOUNT: { key: 'percent_off', direction: 1 },
  EXCHANGE: { key: 'exchange_price', direction: -1 },
} as const;

/** `EXCHANGE` needs `scope=SINGLE`; whole-store coupons are `NORMAL` or `DISCOUNT`. */
export function checkScopeAndType(scope: Scope, type: CouponType, base = ''): void {
  if (type === 'EXCHANGE' && scope !== 'SINGLE')
    throw breaksRule(`${base}/type`, '为 EXCHANGE 时 scope 必须为 SINGLE', type);
}

/**
 * Exactly the list matching `type` is present, it has one rule per usable time (`count`), and from the second
 * round on every round is at least as strong as the one before it.
 */
export function checkRounds(rules: RoundRulesInput, type: CouponType, count: number, base: string): void {
  const wanted = LIST_OF[type];
  for (const name of Object.values(LIST_OF)) {
    if (name !== wanted && rules[name] !== undefined) throw badParam(`${base}/${name}`, `type 为 ${type} 时不可填写`);
  }
  const list = rules[wanted];
  if (list === undefined) throw badParam(`${base}/${wanted}`, `type 为 ${type} 时必填`);
  if (list.length !== count) {
    throw badParam(
      `${base}/${wanted}`,
      `长度（${list.length}）必须等于 progressive_bundle_usage_info.count（${count}）`,
      list.length,
    );
  }
  const { key, direction } = STRENGTH[type];
  checkStrength(
    list.map((round) => (round as Record<string, number>)[key]!),
    direction,
    (i) => `${base}/${wanted}/${i}/${key}`,
  );
}

/** Round 1 (index 0) is exempt; each later round must not be weaker than its predecessor. */
export function checkStrength(values: number[], direction: 1 | -1, field: (index: number) => string): void {
  for (let i = 2; i < values.length; i++) {
    const previous = values[i - 1]!;
    const current = values[i]!;
    if ((current - previous) * direction < 0) {
      const issue = direction > 0 ? `不能小于上一轮的值 ${previous}` : `不能大于上一轮的值 ${previous}`;
      throw breaksRule(field(i), `${issue}（第2轮起优惠力度不得递减）`, current);
    }
  }
}

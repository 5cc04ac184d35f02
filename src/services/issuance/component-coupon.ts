import type { ComponentCoupon, ComponentRound } from '../../schemas/component.js';
import { availablePeriodOf, isSingle, type Target } from './target.js';

/** The coupon as the receiving component shows it: display info plus each round's rule. */
export function componentCoupon(t: Target): ComponentCoupon {
  const { data } = t.coupon;
  const rounds: ComponentRound[] = t.stocks.map((s) => {
    // A single coupon is one round; its discount is in its stock (scope=SINGLE) or its product coupon (D-71).
    const rule = s.data.progressive_bundle_usage_rule ?? { ...data.single_usage_info, ...s.data.single_usage_rule };
    return {
      index: isSingle(t) ? 0 : s.index,
      ...(rule?.normal_coupon ?? {}),
      ...(rule?.discount_coupon ?? {}),
      ...(rule?.exchange_coupon ?? {}),
    };
  });
  const period = availablePeriodOf(t.stock0);
  return {
    name: data.display_info.name,
    image_url: data.display_info.image_url,
    background_url: data.display_info.background_url,
    ...(data.display_info.detail_image_url_list
      ? { detail_image_url_list: data.display_info.detail_image_url_list }
      : {}),
    ...(data.display_info.original_price !== undefined ? { original_price: data.display_info.original_price } : {}),
    ...(data.display_info.combo_package_list ? { combo_package_list: data.display_info.combo_package_list } : {}),
    type: data.type,
    rounds,
    interval_days: data.progressive_bundle_usage_info?.interval_days ?? 0,
    ...(period ? { valid_begin_time: period.available_begin_time, valid_end_time: period.available_end_time } : {}),
    brand_id: t.coupon.brandId,
  };
}

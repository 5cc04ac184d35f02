import type { UserCouponState } from './states.js';

/**
 * A user coupon's usage detail (`single_usage_detail` or `progressive_bundle_usage_detail`, D-76). The store keeps
 * every use and return; an answer shows the use fields only while the coupon is `USED`, as WeChat's field tables say.
 */
export type UsageDetail = Record<string, unknown>;

/** The keys WeChat names a usage detail by, one per `usage_mode`. */
const USAGE_DETAIL_KEYS = ['single_usage_detail', 'progressive_bundle_usage_detail'] as const;
export type UsageDetailKey = (typeof USAGE_DETAIL_KEYS)[number];

export const usageDetailKey = (usageMode: string): UsageDetailKey =>
  usageMode === 'SINGLE' ? 'single_usage_detail' : 'progressive_bundle_usage_detail';

/** Fields that describe the coupon's current use: given only while `coupon_state` is `USED` (D-76). */
const USE_FIELDS = [
  'use_request_no',
  'use_time',
  'associated_order_info',
  'associated_pay_score_order_info',
  'saved_amount',
] as const;

/** Where the store keeps the usage details of uses that a return undid and a later use replaced (D-76). */
export const EARLIER_USES = 'earlier_uses';

/** The usage detail as an answer shows it in `state`: without the use fields unless the coupon is `USED`. */
export function visibleUsage(state: UserCouponState, usage: UsageDetail): UsageDetail {
  if (state === 'USED') return usage;
  return Object.fromEntries(Object.entries(usage).filter(([k]) => !(USE_FIELDS as readonly string[]).includes(k)));
}

/**
 * The coupon's detail after a use: the new use replaces the current one, which moves to `earlier_uses` when it
 * held a use. The last return stays, because WeChat gives `return_*` once a coupon has ever been returned.
 */
export function detailAfterUse(
  detail: Record<string, unknown>,
  key: UsageDetailKey,
  use: UsageDetail,
): Record<string, unknown> {
  const previous = (detail[key] ?? {}) as UsageDetail;
  const earlier = (detail[EARLIER_USES] ?? []) as UsageDetail[];
  const { return_request_no, return_time } = previous;
  return {
    ...detail,
    [key]: { ...(return_request_no === undefined ? {} : { return_request_no, return_time }), ...use },
    ...(previous.use_request_no === undefined ? {} : { [EARLIER_USES]: [...earlier, previous] }),
  };
}

/** The coupon's detail after a return: the use stays in the store, next to the return that undid it. */
export function detailAfterReturn(
  detail: Record<string, unknown>,
  key: UsageDetailKey,
  ret: { return_request_no: string; return_time: string },
): Record<string, unknown> {
  return { ...detail, [key]: { ...((detail[key] ?? {}) as UsageDetail), ...ret } };
}

/** Every use and return the store keeps, oldest first: each earlier use, then the current one. */
export function usageLog(detail: Record<string, unknown>): UsageDetail[] {
  const earlier = (detail[EARLIER_USES] ?? []) as UsageDetail[];
  const current = USAGE_DETAIL_KEYS.map((k) => detail[k] as UsageDetail | undefined).filter((u) => u !== undefined);
  return [...earlier, ...current];
}

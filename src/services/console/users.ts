import { stateAt } from '../../domain/coupon-state.js';
import { usageLog } from '../../domain/usage-detail.js';
import type { UserCouponRecord } from '../../store/issuance.js';
import type { ServiceDeps } from '../deps.js';

/** The newest bundles of a user shown on `/console/users/{openid}`. */
const USER_BUNDLE_LIMIT = 100;

export type LifecycleStep = 'ISSUED' | 'CONFIRMED' | 'USED' | 'RETURNED' | 'DEACTIVATED' | 'EXPIRED';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * A coupon's lifecycle from the times its record keeps (D-62): issue, confirmation, every use and return (D-76),
 * deactivation, and expiry once its end time has passed.
 */
function lifecycleHistory(c: UserCouponRecord, now: Date): { step: LifecycleStep; time: string }[] {
  const log = usageLog(c.detail);
  const returns = new Map(log.map((u) => [u.return_request_no, text(u.return_time)]));
  const uses: [LifecycleStep, string | undefined][] = [
    ...log.map((u): [LifecycleStep, string | undefined] => ['USED', text(u.use_time)]),
    ...[...returns.values()].map((t): [LifecycleStep, string | undefined] => ['RETURNED', t]),
  ];
  const steps: [LifecycleStep, string | undefined][] = [
    ['ISSUED', c.receiveTime],
    ['CONFIRMED', text(c.detail.confirm_time)],
    ...uses,
    ['DEACTIVATED', text(c.detail.deactivate_time)],
    ['EXPIRED', stateAt(c.state, c.validBeginTime, c.validEndTime, now) === 'EXPIRED' ? c.validEndTime : undefined],
  ];
  return steps
    .filter((s): s is [LifecycleStep, string] => s[1] !== undefined)
    .map(([step, time]) => ({ step, time }))
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** `/console/users/{openid}`: the user's bundles, each with its coupons, states and history. */
export async function userView(deps: ServiceDeps, openid: string) {
  const now = deps.clock.now();
  const { bundles, coupons } = await deps.store.listUserHoldings(openid, USER_BUNDLE_LIMIT);
  return {
    openid,
    bundles: bundles.map((b) => ({
      user_coupon_bundle_id: b.userCouponBundleId,
      mchid: b.mchid,
      brand_id: b.brandId,
      product_coupon_id: b.productCouponId,
      stock_bundle_id: b.stockBundleId,
      appid: b.appid,
      send_request_no: b.sendRequestNo,
      channel: b.channel,
      state: b.state,
      total_count: b.totalCount,
      used_count: b.usedCount,
      create_time: b.createdAt,
      coupons: coupons
        .filter((c) => c.userCouponBundleId === b.userCouponBundleId)
        .map((c) => ({
          coupon_code: c.couponCode,
          index: c.index,
          stock_id: c.stockId,
          state: stateAt(c.state, c.validBeginTime, c.validEndTime, now),
          valid_begin_time: c.validBeginTime,
          valid_end_time: c.validEndTime,
          history: lifecycleHistory(c, now),
        })),
    })),
  };
}

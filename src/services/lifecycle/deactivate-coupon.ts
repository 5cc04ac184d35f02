import { toRfc3339 } from '../../domain/clock.js';
import { stateAt } from '../../domain/coupon-state.js';
import { type DeactivateUserCouponBody, deactivateUserCoupon as endpoint } from '../../schemas/user-coupons.js';
import { stateRefused } from '../catalog/lookup.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { userCouponAnswer } from '../user-coupons/answer.js';
import { settleLifecycle } from './change.js';
import { deactivatable, deactivatedCoupon } from './deactivate.js';
import { couponCall } from './resolve.js';

/**
 * 失效用户商品券 (D-107): one single-mode coupon not yet used, deleted or expired → DEACTIVATED, written as the
 * deactivation of the one-coupon user bundle that holds it, so it can neither be used nor returned afterwards. A
 * coupon of a PROGRESSIVE_BUNDLE is refused: its page sends those to 失效用户商品券组.
 */
export function deactivateUserCoupon(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  couponCode: string,
  body: DeactivateUserCouponBody,
) {
  const call = couponCall(deps, endpoint.name, { mchid, openid, couponCode, body });
  return runNumbered(deps, {
    ...call,
    resolve: async () => {
      const resolved = await call.resolve();
      if (resolved.product.data.usage_mode !== 'SINGLE')
        throw stateRefused('多次优惠的用户商品券不可使用本接口，请使用失效用户商品券组接口');
      return resolved;
    },
    plan: async ({ coupon, bundle }) => {
      const now = deps.clock.now();
      if (bundle.state !== 'ACTIVE' || !deactivatable(coupon, now)) {
        const state = stateAt(coupon.state, coupon.validBeginTime, coupon.validEndTime, now);
        throw stateRefused(`用户商品券当前状态为 ${state}，不可失效`);
      }
      const deactivation = { request_no: body.out_request_no, time: toRfc3339(now), reason: body.deactivate_reason };
      const { updated, transition } = deactivatedCoupon(coupon, deactivation);
      return {
        response: await userCouponAnswer(deps, updated, {
          ...bundle,
          state: 'DEACTIVATED',
          updatedAt: deactivation.time,
        }),
        settle: settleLifecycle,
        commit: (request) =>
          deps.store.deactivateUserCouponBundle(request, {
            userCouponBundleId: bundle.userCouponBundleId,
            expected: [{ couponCode: coupon.couponCode, state: coupon.state }],
            transitions: [transition],
            deactivation,
          }),
      };
    },
  });
}

import { toRfc3339 } from '../../domain/clock.js';
import { stateAt } from '../../domain/coupon-state.js';
import { invalidRequest, Messages } from '../../domain/errors.js';
import { detailAfterReturn, usageDetailKey } from '../../domain/usage-detail.js';
import { returnUserCoupon as endpoint, type ReturnUserCouponBody } from '../../schemas/user-coupons.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { userCouponAnswer } from '../user-coupons/answer.js';
import { changeCoupon, settleLifecycle } from './change.js';
import { LifecycleMessages } from './messages.js';
import { couponCall } from './resolve.js';

/**
 * 退券 (D-15): USED → EFFECTIVE, `used_count - 1`; a round the use already issued stays. The use stays in the
 * store, but the answer no longer shows it (D-76).
 * Refused in a deactivated bundle, whose coupons must not come back to life.
 */
export function returnUserCoupon(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  couponCode: string,
  body: ReturnUserCouponBody,
) {
  return runNumbered(deps, {
    ...couponCall(deps, endpoint.name, { mchid, openid, couponCode, body }),
    plan: async ({ coupon, bundle, product }) => {
      const now = deps.clock.now();
      if (coupon.state !== 'USED') {
        const state = stateAt(coupon.state, coupon.validBeginTime, coupon.validEndTime, now);
        throw invalidRequest(state === 'EFFECTIVE' ? LifecycleMessages.stillUsable : Messages.businessRule);
      }
      if (bundle.state !== 'ACTIVE') throw invalidRequest(Messages.businessRule);
      const at = toRfc3339(now);
      const detail = detailAfterReturn(coupon.detail, usageDetailKey(product.data.usage_mode), {
        return_request_no: body.out_request_no,
        return_time: at,
      });
      const { updated, transition } = changeCoupon(coupon, 'EFFECTIVE', detail, at);
      return {
        response: await userCouponAnswer(deps, updated, { ...bundle, usedCount: bundle.usedCount - 1 }),
        settle: settleLifecycle,
        commit: (request) =>
          deps.store.returnUserCoupon(request, { transition, userCouponBundleId: bundle.userCouponBundleId }),
      };
    },
  });
}

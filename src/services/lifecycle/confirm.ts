import { toRfc3339 } from '../../domain/clock.js';
import { invalidRequest, Messages } from '../../domain/errors.js';
import { type ConfirmUserCouponBody, confirmUserCoupon as endpoint } from '../../schemas/user-coupons.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { userCouponAnswer } from '../user-coupons/answer.js';
import { changeCoupon, settleLifecycle } from './change.js';
import { couponCall } from './resolve.js';

/** 确认发放用户商品券 (D-15): CONFIRMING → PENDING before `valid_begin_time`, else EFFECTIVE. */
export function confirmUserCoupon(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  couponCode: string,
  body: ConfirmUserCouponBody,
) {
  return runNumbered(deps, {
    ...couponCall(deps, endpoint.name, { mchid, openid, couponCode, body }),
    plan: async ({ coupon, bundle }) => {
      if (coupon.state !== 'CONFIRMING') throw invalidRequest(Messages.businessRule);
      const now = deps.clock.now();
      const at = toRfc3339(now);
      const to = now.getTime() < Date.parse(coupon.validBeginTime) ? 'PENDING' : 'EFFECTIVE';
      const detail = { ...coupon.detail, confirm_request_no: body.out_request_no, confirm_time: at };
      const { updated, transition } = changeCoupon(coupon, to, detail, at);
      return {
        response: await userCouponAnswer(deps, updated, bundle),
        settle: settleLifecycle,
        commit: (request) => deps.store.confirmUserCoupon(request, transition),
      };
    },
  });
}

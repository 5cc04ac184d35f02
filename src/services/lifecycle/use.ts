import { toRfc3339, wholeSecondShanghai } from '../../domain/clock.js';
import { stateAt } from '../../domain/coupon-state.js';
import { type CouponError, invalidRequest, notEnough } from '../../domain/errors.js';
import { fieldError } from '../../domain/field-error.js';
import { detailAfterUse, usageDetailKey } from '../../domain/usage-detail.js';
import { useUserCoupon as endpoint, type UseUserCouponBody, useOrderProblem } from '../../schemas/user-coupons.js';
import type { UserCouponState } from '../../store/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { checkUseStore } from '../stores/use.js';
import { userCouponAnswer } from '../user-coupons/answer.js';
import { changeCoupon, settleLifecycle } from './change.js';
import { LifecycleMessages } from './messages.js';
import { planNextRound } from './next-round.js';
import { couponCall } from './resolve.js';
import { usableAt } from './usable.js';

/** Why a coupon in this state cannot be used (the texts of WeChat's 核销 page and FAQ). */
function refusal(state: UserCouponState): CouponError {
  if (state === 'PENDING' || state === 'EXPIRED' || state === 'EFFECTIVE')
    return notEnough(LifecycleMessages.notUsable);
  if (state === 'DELETED') return invalidRequest(LifecycleMessages.deleted);
  return invalidRequest(LifecycleMessages.stateInvalid);
}

/** The `PARAM_ERROR` for the order a use names (D-77): which one, which number, whose order. */
function orderError(body: UseUserCouponBody, pointer: string): CouponError {
  const both = body.associated_order_info !== undefined && body.associated_pay_score_order_info !== undefined;
  const neither = body.associated_order_info === undefined && body.associated_pay_score_order_info === undefined;
  if (both || neither) return fieldError('body', pointer, 'value', LifecycleMessages.orderRequired);
  if (!pointer.endsWith('_info')) return fieldError('body', pointer, 'required', LifecycleMessages.orderOwner);
  const ids = pointer === '/associated_order_info' ? LifecycleMessages.orderIds : LifecycleMessages.payScoreOrderIds;
  return fieldError('body', pointer, 'value', ids);
}

/**
 * 核销用户商品券 (D-15): EFFECTIVE → USED with the order it was used for, `used_count + 1`,
 * `use_time` in whole seconds at +08:00 (D-75), and in the same transaction the next round in CONFIRMING with its SEND callback (D-11, D-14, D-16).
 */
export function useUserCoupon(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  couponCode: string,
  request: UseUserCouponBody,
) {
  const body = { ...request, use_time: wholeSecondShanghai(request.use_time) };
  const problem = useOrderProblem(body);
  if (problem) throw orderError(body, problem);
  return runNumbered(deps, {
    ...couponCall(deps, endpoint.name, { mchid, openid, couponCode, body }),
    conflict: LifecycleMessages.useRequestNoUsed,
    plan: async (r) => {
      const { coupon, bundle, stock, product } = r;
      const now = deps.clock.now();
      const state = stateAt(coupon.state, coupon.validBeginTime, coupon.validEndTime, now);
      const rule = stock.data.single_usage_rule ?? stock.data.progressive_bundle_usage_rule;
      const period = rule?.coupon_available_period;
      if (state !== 'EFFECTIVE' || !usableAt(period, now)) throw refusal(state);
      if (body.store_id !== undefined) await checkUseStore(deps, r.product, stock, body.store_id);
      const at = toRfc3339(now);
      const usage = {
        use_request_no: body.out_request_no,
        use_time: body.use_time,
        ...(body.associated_order_info ? { associated_order_info: body.associated_order_info } : {}),
        ...(body.associated_pay_score_order_info
          ? { associated_pay_score_order_info: body.associated_pay_score_order_info }
          : {}),
        ...(body.saved_amount !== undefined ? { saved_amount: body.saved_amount } : {}),
      };
      const detail = detailAfterUse(coupon.detail, usageDetailKey(product.data.usage_mode), usage);
      const { updated, transition } = changeCoupon(coupon, 'USED', detail, at);
      const next = await planNextRound(deps, r, body.appid, now);
      return {
        response: await userCouponAnswer(deps, updated, { ...bundle, usedCount: bundle.usedCount + 1 }),
        settle: settleLifecycle,
        commit: (request) =>
          deps.store.useUserCoupon(request, { transition, userCouponBundleId: bundle.userCouponBundleId, next }),
      };
    },
  });
}

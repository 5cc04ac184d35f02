import { toRfc3339 } from '../../domain/clock.js';
import { stateAt } from '../../domain/coupon-state.js';
import { invalidRequest, Messages } from '../../domain/errors.js';
import {
  type DeactivateUserCouponBundleBody,
  type DeactivateUserCouponBundleResponse,
  deactivateUserCouponBundle as endpoint,
} from '../../schemas/user-coupons.js';
import type { Deactivation } from '../../store/catalog.js';
import type { UserCouponRecord } from '../../store/issuance.js';
import type { CouponTransition } from '../../store/lifecycle.js';
import type { ServiceDeps } from '../deps.js';
import { renderUserCoupon } from '../issuance/view.js';
import { runNumbered } from '../requests/pipeline.js';
import { changeCoupon, settleLifecycle } from './change.js';
import { resolveBundle } from './resolve.js';

/** States a deactivation ends; USED and DELETED stay as they are, and EXPIRED is terminal (D-15). */
const DEACTIVATABLE = new Set(['CONFIRMING', 'PENDING', 'EFFECTIVE']);

/** Whether a deactivation ends this coupon now (its time-driven state applied). */
export const deactivatable = (c: UserCouponRecord, now: Date) =>
  DEACTIVATABLE.has(stateAt(c.state, c.validBeginTime, c.validEndTime, now));

/** The coupon DEACTIVATED with the deactivation's number, time and reason, and the write that gets it there. */
export function deactivatedCoupon(c: UserCouponRecord, deactivation: Deactivation) {
  const detail = {
    ...c.detail,
    deactivate_request_no: deactivation.request_no,
    deactivate_time: deactivation.time,
    deactivate_reason: deactivation.reason,
  };
  return changeCoupon(c, 'DEACTIVATED', detail, deactivation.time);
}

/**
 * 失效用户商品券组 (D-15): every coupon not yet used, deleted or expired → DEACTIVATED, and
 * the bundle issues no further rounds.
 */
export function deactivateUserCouponBundle(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  userCouponBundleId: string,
  body: DeactivateUserCouponBundleBody,
) {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: endpoint.name, requestNo: body.out_request_no },
    parameters: { openid, user_coupon_bundle_id: userCouponBundleId, body },
    conflictAfterState: true,
    resolve: async () => {
      const { bundle } = await resolveBundle(deps, {
        mchid,
        openid,
        userCouponBundleId,
        productCouponId: body.product_coupon_id,
        stockBundleId: body.stock_bundle_id,
        appid: body.appid,
        brandId: body.brand_id,
      });
      return { bundle, coupons: await deps.store.listBundleCoupons(userCouponBundleId) };
    },
    plan: async ({ bundle, coupons }) => {
      if (bundle.state !== 'ACTIVE') throw invalidRequest(Messages.businessRule);
      const now = deps.clock.now();
      const at = toRfc3339(now);
      const deactivation = { request_no: body.out_request_no, time: at, reason: body.deactivate_reason };
      const transitions: CouponTransition[] = [];
      const after: UserCouponRecord[] = coupons.map((c) => {
        if (!deactivatable(c, now)) return c;
        const { updated, transition } = deactivatedCoupon(c, deactivation);
        transitions.push(transition);
        return updated;
      });
      const deactivated = { ...bundle, state: 'DEACTIVATED' as const, updatedAt: at };
      const list = await Promise.all(after.map((c) => renderUserCoupon(deps, c, deactivated)));
      const response: DeactivateUserCouponBundleResponse = {
        user_coupon_bundle_id: userCouponBundleId,
        user_product_coupon_list: list.map((item) => {
          const info = item.stock.stock_bundle_info;
          if (!info) throw new Error(`stock ${item.stock.stock_id} has no stock_bundle_info`);
          return { ...item, stock: { ...item.stock, stock_bundle_info: info } };
        }),
      };
      return {
        response,
        settle: settleLifecycle,
        commit: (request) =>
          deps.store.deactivateUserCouponBundle(request, {
            userCouponBundleId,
            expected: coupons.map((c) => ({ couponCode: c.couponCode, state: c.state })),
            transitions,
            deactivation,
          }),
      };
    },
  });
}

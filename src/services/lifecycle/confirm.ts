import { toRfc3339 } from '../../domain/clock.js';
import { invalidRequest, Messages } from '../../domain/errors.js';
import { type ConfirmUserCouponBody, confirmUserCoupon as endpoint } from '../../schemas/user-coupons.js';
import { Conflicts } from '../catalog/requests.js';
import type { ServiceDeps } from '../deps.js';
import { renderUserCoupon } from '../issuance/view.js';
import { changeCoupon } from './change.js';
import { runGuarded } from './request.js';
import { resolveCoupon } from './resolve.js';

/** 确认发放用户商品券 (api-contract.md §14.1, §15.3): CONFIRMING → PENDING before `valid_begin_time`, else EFFECTIVE. */
export function confirmUserCoupon(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  couponCode: string,
  body: ConfirmUserCouponBody,
) {
  return runGuarded(deps, {
    key: { mchid, brandId: body.brand_id, api: endpoint.name, requestNo: body.out_request_no },
    parameters: { openid, coupon_code: couponCode, body },
    conflictMessage: Conflicts.other,
    resolve: () =>
      resolveCoupon(deps, {
        mchid,
        openid,
        couponCode,
        productCouponId: body.product_coupon_id,
        stockId: body.stock_id,
        appid: body.appid,
        brandId: body.brand_id,
      }),
    plan: async ({ coupon, bundle }) => {
      if (coupon.state !== 'CONFIRMING') throw invalidRequest(Messages.businessRule);
      const now = deps.clock.now();
      const at = toRfc3339(now);
      const to = now.getTime() < Date.parse(coupon.validBeginTime) ? 'PENDING' : 'EFFECTIVE';
      const detail = { ...coupon.detail, confirm_request_no: body.out_request_no, confirm_time: at };
      const { updated, transition } = changeCoupon(coupon, to, detail, at);
      return {
        response: await renderUserCoupon(deps, updated, bundle),
        commit: (request) => deps.store.confirmUserCoupon(request, transition),
      };
    },
  });
}

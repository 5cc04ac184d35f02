import { shanghaiDay } from '../../domain/clock.js';
import { CodeMessages, sortCodes, uploadAnswer } from '../../domain/coupon-codes.js';
import { invalidRequest, Messages, notFound } from '../../domain/errors.js';
import type { UploadCouponCodesBodyT, UploadCouponCodesResponseT } from '../../schemas/coupon-codes.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { stateRefused } from './lookup.js';
import { stockStateAt } from './render.js';

/**
 * 预上传券Code (D-85): checks in D-4 order (authorization, existence, an earlier answer for the number, then the
 * stock's mode and state), then stores in one transaction every well-formed code that exists nowhere yet.
 */
export function uploadCouponCodes(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: UploadCouponCodesBodyT,
): Promise<UploadCouponCodesResponseT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'uploadCouponCodes', requestNo: body.out_request_no },
    parameters: { ...params, body },
    resolve: async () => {
      await checkBrandAuthorized(deps, mchid, body.brand_id);
      const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, params.product_coupon_id);
      const now = deps.clock.now();
      const stock = await deps.store.getStock(params.stock_id, shanghaiDay(now));
      if (!stock || stock.productCouponId !== coupon.productCouponId) throw notFound(Messages.stockNotFound);
      return { stock, now };
    },
    plan: async ({ stock, now }) => {
      if (stock.data.coupon_code_mode !== 'UPLOAD') throw invalidRequest(CodeMessages.notUploadMode);
      const state = stockStateAt(stock, now);
      if (state === 'DEACTIVATED') throw stateRefused('批次已失效');
      if (state === 'STOPPED') throw invalidRequest(CodeMessages.expired);
      const sorted = sortCodes(body.code_list);
      const answer = (stored: readonly string[]) => uploadAnswer(sorted, stored);
      return {
        // Planned as if every well-formed code were new; the store answers, and stores, what it really stored.
        response: answer(sorted.valid),
        commit: (request) => deps.store.uploadCouponCodes(request, stock.stockId, sorted.valid, answer),
        settle: answer,
      };
    },
  });
}

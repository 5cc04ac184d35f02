import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import { CodeMessages, sortCodes, uploadAnswer } from '../../domain/coupon-codes.js';
import { invalidRequest, Messages, notFound } from '../../domain/errors.js';
import type { UploadCouponCodesBodyT, UploadCouponCodesResponseT } from '../../schemas/coupon-codes.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { stateRefused } from './lookup.js';
import { stockStateAt } from './render.js';
import { bindRequest, earlierAnswer, replayOf } from './requests.js';

/**
 * 预上传券Code (D-85): checks in D-4 order (authorization, existence, an earlier answer for the number, then the
 * stock's mode and state), then stores in one transaction every well-formed code that exists nowhere yet.
 */
export async function uploadCouponCodes(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: UploadCouponCodesBodyT,
): Promise<UploadCouponCodesResponseT> {
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, params.product_coupon_id);
  const now = deps.clock.now();
  const stock = await deps.store.getStock(params.stock_id, shanghaiDay(now));
  if (!stock || stock.productCouponId !== coupon.productCouponId) throw notFound(Messages.stockNotFound);
  const request = bindRequest('uploadCouponCodes', mchid, body.brand_id, body.out_request_no, { ...params, body });
  const earlier = await earlierAnswer<UploadCouponCodesResponseT>(deps, request);
  if (earlier) return earlier;
  if (stock.data.coupon_code_mode !== 'UPLOAD') throw invalidRequest(CodeMessages.notUploadMode);
  const state = stockStateAt(stock, now);
  if (state === 'DEACTIVATED') throw stateRefused('批次已失效');
  if (state === 'STOPPED') throw invalidRequest(CodeMessages.expired);

  const sorted = sortCodes(body.code_list);
  const result = await deps.store.uploadCouponCodes(
    { ...request.key, fingerprint: request.fingerprint, status: 200, createdAt: toRfc3339(now) },
    stock.stockId,
    sorted.valid,
    (stored) => uploadAnswer(sorted, stored),
  );
  return result.ran ? uploadAnswer(sorted, result.value) : replayOf(request, result.existing);
}

import { shanghaiDay } from '../../domain/clock.js';
import { alreadyExists, invalidRequest, Messages, notEnough } from '../../domain/errors.js';
import { fieldError } from '../../domain/field-error.js';
import {
  couponTagInfoProblem,
  type SendCouponBundleBody,
  type SendCouponBundleResponse,
} from '../../schemas/issuance.js';
import type { UserCouponBundleRecord } from '../../store/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { buildIssueCommand } from './command.js';
import { issuanceFingerprint } from './presend.js';
import { blockerError, isAvailable, limitBlocker, refOf, resolveTarget } from './target.js';
import { renderUserCoupon } from './view.js';

/**
 * 向用户发放商品券批次组: the same checks as pre-send, then the issuance transaction at once
 * (`send_channel=API`). An identical repeat replays the first result; another request with the number → 400.
 */
export async function sendBundle(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  body: SendCouponBundleBody,
): Promise<SendCouponBundleResponse> {
  const tagProblem = couponTagInfoProblem(body.coupon_tag_info);
  if (tagProblem) throw fieldError('body', tagProblem, 'required', 'coupon_tag_list 包含 MEMBER 时必填');
  const now = deps.clock.now();
  const target = await resolveTarget(deps, refOf(mchid, openid, body), shanghaiDay(now));
  const fingerprint = issuanceFingerprint(openid, body);
  const replay = async (bundleId: string) => bundleResponse(deps, (await deps.store.getUserCouponBundle(bundleId))!);

  const existing = await deps.store.getIssuance(mchid, body.brand_id, body.send_request_no);
  if (existing) {
    if (existing.fingerprint !== fingerprint) throw alreadyExists(Messages.requestNoConflict);
    return replay(existing.userCouponBundleId);
  }
  if (!isAvailable(target, now)) throw invalidRequest(Messages.businessRule);
  const blocker = await limitBlocker(deps, target);
  if (blocker !== null) throw blockerError(blocker);

  const command = buildIssueCommand(
    deps,
    target,
    {
      mchid,
      brandId: body.brand_id,
      appid: body.appid,
      openid,
      sendRequestNo: body.send_request_no,
      attach: body.attach ?? null,
      channel: 'API',
      fingerprint,
      couponTagInfo: body.coupon_tag_info,
    },
    now,
  );
  const outcome = await deps.store.issueBundle(command);
  switch (outcome.kind) {
    case 'ISSUED':
      return bundleResponse(deps, command.bundle);
    case 'EXISTING':
      if (outcome.issuance.fingerprint !== fingerprint) throw alreadyExists(Messages.requestNoConflict);
      return replay(outcome.issuance.userCouponBundleId);
    case 'USER_LIMIT_REACHED':
      throw invalidRequest(Messages.userLimit);
    case 'NOT_AVAILABLE':
      throw invalidRequest(Messages.businessRule);
    case 'NO_CODES':
      throw notEnough(Messages.codesExhausted);
    default:
      throw notEnough(Messages.budget);
  }
}

export async function bundleResponse(
  deps: ServiceDeps,
  bundle: UserCouponBundleRecord,
): Promise<SendCouponBundleResponse> {
  const coupons = await deps.store.listBundleCoupons(bundle.userCouponBundleId);
  return {
    user_coupon_bundle_id: bundle.userCouponBundleId,
    user_product_coupon_list: await Promise.all(coupons.map((c) => renderUserCoupon(deps, c, bundle))),
  };
}

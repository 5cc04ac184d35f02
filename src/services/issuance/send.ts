import { shanghaiDay } from '../../domain/clock.js';
import { alreadyExists, invalidRequest, Messages, notEnough } from '../../domain/errors.js';
import { fieldError } from '../../domain/field-error.js';
import {
  couponTagInfoProblem,
  type SendCouponBody,
  type SendCouponBundleBody,
  type SendCouponBundleResponse,
} from '../../schemas/issuance.js';
import type { UserProductCoupon } from '../../schemas/objects/user-coupon.js';
import type { UserCouponBundleRecord } from '../../store/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { replayed } from '../requests/fingerprint.js';
import { userCouponAnswer } from '../user-coupons/answer.js';
import { checkAssignedCode } from './assigned-code.js';
import { buildIssueCommand, type IssueRequest } from './command.js';
import { failFast, issuanceAndUserCount, issuanceFingerprint, issuanceRequest, singleFingerprint } from './presend.js';
import { isAvailable, refOf, resolveSingleTarget, resolveTarget, singleRefOf, type Target } from './target.js';
import { renderUserCoupon } from './view.js';

function checkTagInfo(info: SendCouponBundleBody['coupon_tag_info']): void {
  const tagProblem = couponTagInfoProblem(info);
  if (tagProblem) throw fieldError('body', tagProblem, 'required', 'coupon_tag_list 包含 MEMBER 时必填');
}

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
  checkTagInfo(body.coupon_tag_info);
  const now = deps.clock.now();
  const target = await resolveTarget(deps, refOf(mchid, openid, body), shanghaiDay(now));
  const sent = await issueNow(deps, target, requestOf(mchid, openid, body, issuanceFingerprint(openid, body)), now);
  return bundleResponse(deps, sent.issued ?? (await deps.store.getUserCouponBundle(sent.userCouponBundleId))!);
}

/**
 * 向用户发放商品券 (D-100): the same for one single-mode stock, answering the one user coupon, which shows no bundle.
 * Single and bundle sends share the brand's request numbers (D-102).
 */
export async function sendSingle(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  body: SendCouponBody,
): Promise<UserProductCoupon> {
  checkTagInfo(body.coupon_tag_info);
  const now = deps.clock.now();
  const target = await resolveSingleTarget(
    deps,
    singleRefOf(mchid, openid, body),
    shanghaiDay(now),
    '向用户发放商品券批次组',
  );
  checkAssignedCode(target.stock0, body.coupon_code);
  const request = { ...requestOf(mchid, openid, body, singleFingerprint(openid, body)), couponCode: body.coupon_code };
  const sent = await issueNow(deps, target, request, now);
  const bundle = sent.issued ?? (await deps.store.getUserCouponBundle(sent.userCouponBundleId))!;
  const [coupon] = await deps.store.listBundleCoupons(bundle.userCouponBundleId);
  return userCouponAnswer(deps, coupon!, bundle);
}

const requestOf = (
  mchid: string,
  openid: string,
  body: SendCouponBundleBody | SendCouponBody,
  fingerprint: string,
): IssueRequest => ({
  mchid,
  brandId: body.brand_id,
  appid: body.appid,
  openid,
  sendRequestNo: body.send_request_no,
  attach: body.attach ?? null,
  channel: 'API',
  fingerprint,
  couponTagInfo: body.coupon_tag_info,
});

/** The user bundle this request issues now, or the one its number issued before (D-5, D-6). */
async function issueNow(
  deps: ServiceDeps,
  target: Target,
  request: IssueRequest,
  now: Date,
): Promise<{ issued?: UserCouponBundleRecord; userCouponBundleId: string }> {
  const replay = (issuance: { fingerprint: string; userCouponBundleId: string }) =>
    replayed(issuanceRequest(request.fingerprint), issuance, (e) => ({ userCouponBundleId: e.userCouponBundleId }));
  const { issuance: existing, userCount } = await issuanceAndUserCount(deps, target, request);
  if (existing) return replay(existing);
  if (!isAvailable(target, now)) throw invalidRequest(Messages.businessRule);
  await failFast(deps, target, request.couponCode ?? null, userCount);

  const command = buildIssueCommand(deps, target, request, now);
  const outcome = await deps.store.issueBundle(command);
  switch (outcome.kind) {
    case 'ISSUED':
      return { issued: command.bundle, userCouponBundleId: command.bundle.userCouponBundleId };
    case 'EXISTING':
      return replay(outcome.issuance);
    case 'USER_LIMIT_REACHED':
      throw invalidRequest(Messages.userLimit);
    case 'NOT_AVAILABLE':
      throw invalidRequest(Messages.businessRule);
    case 'NO_CODES':
      throw notEnough(Messages.codesExhausted);
    case 'CODE_TAKEN':
      throw alreadyExists(Messages.couponCodeConflict);
    default:
      throw notEnough(Messages.budget);
  }
}

async function bundleResponse(deps: ServiceDeps, bundle: UserCouponBundleRecord): Promise<SendCouponBundleResponse> {
  const coupons = await deps.store.listBundleCoupons(bundle.userCouponBundleId);
  return {
    user_coupon_bundle_id: bundle.userCouponBundleId,
    user_product_coupon_list: await Promise.all(coupons.map((c) => renderUserCoupon(deps, c, bundle))),
  };
}

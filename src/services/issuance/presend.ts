import { createHash } from 'node:crypto';
import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import { alreadyExists, invalidRequest, Messages } from '../../domain/errors.js';
import type { PreSendCouponBody, PreSendCouponBundleBody } from '../../schemas/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { fingerprint, type NumberedRequest, requireSameRequest } from '../requests/fingerprint.js';
import { checkAssignedCode, codeTaken } from './assigned-code.js';
import {
  blockerError,
  isAvailable,
  limitBlocker,
  refOf,
  resolveSingleTarget,
  resolveTarget,
  singleRefOf,
  type Target,
  type TargetRef,
} from './target.js';

const TOKEN_TTL_SECONDS = 300;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * An issuance's parameters in the form issuance and token records have stored from the start (D-117): name–value
 * pairs in name order, an absent value `null`, so a number bound before keeps replaying.
 */
const issuanceParameters = (parts: Record<string, string | undefined>) =>
  Object.keys(parts)
    .sort()
    .map((name) => [name, parts[name] ?? null]);

/** The parameters that make two issuance requests "the same" (D-5, D-6). */
export const issuanceFingerprint = (openid: string, b: PreSendCouponBundleBody) =>
  fingerprint(
    issuanceParameters({
      openid,
      appid: b.appid,
      product_coupon_id: b.product_coupon_id,
      stock_bundle_id: b.stock_bundle_id,
      attach: b.attach,
    }),
  );

/** The same for a single coupon (D-102): its stock and assigned code instead of a bundle, so never a bundle's. */
export const singleFingerprint = (openid: string, b: PreSendCouponBody) =>
  fingerprint(
    issuanceParameters({
      openid,
      appid: b.appid,
      product_coupon_id: b.product_coupon_id,
      stock_id: b.stock_id,
      coupon_code: b.coupon_code,
      attach: b.attach,
    }),
  );

/** A send request number under D-5, with the conflict text of the issuance APIs. */
export const issuanceRequest = (fingerprint: string): NumberedRequest => ({
  fingerprint,
  conflict: Messages.requestNoConflict,
});

/** What a token is bound to besides its target. */
interface Binding {
  ref: TargetRef;
  sendRequestNo: string;
  attach: string | null;
  fingerprint: string;
  couponCode: string | null;
}

/**
 * 向用户预发放商品券批次组: checks in D-4 order, reserves nothing (D-7), and mints a new
 * 300-second token bound to the request (D-8). An already claimed number still gets a token (已领取).
 */
export async function preSend(deps: ServiceDeps, mchid: string, openid: string, body: PreSendCouponBundleBody) {
  const now = deps.clock.now();
  const ref = refOf(mchid, openid, body);
  const target = await resolveTarget(deps, ref, shanghaiDay(now));
  const fingerprint = issuanceFingerprint(openid, body);
  const binding = {
    ref,
    sendRequestNo: body.send_request_no,
    attach: body.attach ?? null,
    fingerprint,
    couponCode: null,
  };
  return mintToken(deps, target, binding, now);
}

/** 向用户预发放商品券 (D-100): the same for one single-mode stock, redeemed by the same receiving component. */
export async function preSendSingle(deps: ServiceDeps, mchid: string, openid: string, body: PreSendCouponBody) {
  const now = deps.clock.now();
  const ref = singleRefOf(mchid, openid, body);
  const target = await resolveSingleTarget(deps, ref, shanghaiDay(now), '向用户预发放商品券批次组');
  checkAssignedCode(target.stock0, body.coupon_code);
  const binding = {
    ref,
    sendRequestNo: body.send_request_no,
    attach: body.attach ?? null,
    fingerprint: singleFingerprint(openid, body),
    couponCode: body.coupon_code ?? null,
  };
  return mintToken(deps, target, binding, now);
}

async function mintToken(deps: ServiceDeps, target: Target, b: Binding, now: Date) {
  if (!isAvailable(target, now)) throw invalidRequest(Messages.businessRule);
  const { issuance: existing, userCount } = await issuanceAndUserCount(deps, target, {
    ...b.ref,
    sendRequestNo: b.sendRequestNo,
  });
  if (existing) requireSameRequest(issuanceRequest(b.fingerprint), existing);
  else await failFast(deps, target, b.couponCode, userCount);

  const token = deps.ids.token(32);
  await deps.store.insertToken({
    tokenHash: hashToken(token),
    mchid: b.ref.mchid,
    brandId: b.ref.brandId,
    productCouponId: b.ref.productCouponId,
    stockBundleId: b.ref.stockBundleId,
    appid: b.ref.appid,
    openid: b.ref.openid,
    userKey: target.userKey,
    sendRequestNo: b.sendRequestNo,
    attach: b.attach,
    fingerprint: b.fingerprint,
    createdAt: toRfc3339(now),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000).toISOString(),
    claimedAt: null,
    stockId: b.ref.stockId ?? null,
    couponCode: b.couponCode,
  });
  return { token };
}

/** The issuance a request number is bound to and the user's count for stock #0, looked up together. */
export const issuanceAndUserCount = (
  deps: ServiceDeps,
  t: Target,
  key: { mchid: string; brandId: string; sendRequestNo: string },
) => deps.store.getIssuanceAndUserCount(key.mchid, key.brandId, key.sendRequestNo, t.stock0.stockId, t.userKey);

/** Fail-fast checks of a new issuance (D-7): an assigned code already in use, then the limits. */
export async function failFast(deps: ServiceDeps, target: Target, couponCode: string | null, userCount: number) {
  if (await codeTaken(deps, couponCode)) throw alreadyExists(Messages.couponCodeConflict);
  const blocker = limitBlocker(target, userCount);
  if (blocker !== null) throw blockerError(blocker);
}

import { createHash } from 'node:crypto';
import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import { alreadyExists, invalidRequest, Messages } from '../../domain/errors.js';
import type { PreSendCouponBundleBody } from '../../schemas/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { blockerError, fingerprintOf, isAvailable, limitBlocker, refOf, resolveTarget, type Target } from './target.js';

export const TOKEN_TTL_SECONDS = 300;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The canonical parameters that make two issuance requests "the same" (D-5, D-6). */
export const issuanceFingerprint = (openid: string, b: PreSendCouponBundleBody) =>
  fingerprintOf({
    openid,
    appid: b.appid,
    product_coupon_id: b.product_coupon_id,
    stock_bundle_id: b.stock_bundle_id,
    attach: b.attach,
  });

/**
 * 向用户预发放商品券批次组: checks in D-4 order, reserves nothing (D-7), and mints a new
 * 300-second token bound to the request (D-8). An already claimed number still gets a token (已领取).
 */
export async function preSend(deps: ServiceDeps, mchid: string, openid: string, body: PreSendCouponBundleBody) {
  const now = deps.clock.now();
  const target = await resolveTarget(deps, refOf(mchid, openid, body), shanghaiDay(now));
  if (!isAvailable(target, now)) throw invalidRequest(Messages.businessRule);
  const fingerprint = issuanceFingerprint(openid, body);
  const existing = await deps.store.getIssuance(mchid, body.brand_id, body.send_request_no);
  if (existing && existing.fingerprint !== fingerprint) throw alreadyExists(Messages.requestNoConflict);
  if (!existing) await failFast(deps, target);

  const token = deps.ids.token(32);
  await deps.store.insertToken({
    tokenHash: hashToken(token),
    mchid,
    brandId: body.brand_id,
    productCouponId: body.product_coupon_id,
    stockBundleId: body.stock_bundle_id,
    appid: body.appid,
    openid,
    userKey: target.userKey,
    sendRequestNo: body.send_request_no,
    attach: body.attach ?? null,
    fingerprint,
    createdAt: toRfc3339(now),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000).toISOString(),
    claimedAt: null,
  });
  return { token };
}

async function failFast(deps: ServiceDeps, target: Target): Promise<void> {
  const blocker = await limitBlocker(deps, target);
  if (blocker !== null) throw blockerError(blocker);
}

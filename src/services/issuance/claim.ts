import { shanghaiDay, shanghaiMidnight, toRfc3339 } from '../../domain/clock.js';
import type { ClaimResponse, TokenPreview } from '../../schemas/component.js';
import type { TokenRecord } from '../../store/issuance.js';
import type { ServiceDeps } from '../deps.js';
import { sameRequest } from '../requests/fingerprint.js';
import { codeTaken } from './assigned-code.js';
import { buildIssueCommand } from './command.js';
import { componentCoupon } from './component-coupon.js';
import { hashToken } from './presend.js';
import { isAvailable, isSingle, limitBlocker, type Target, tokenTarget } from './target.js';

type Loaded =
  | { kind: 'final'; preview: TokenPreview }
  | { kind: 'open'; token: TokenRecord; target: Target; now: Date };

/** Token → target, or the state that ends the flow (D-9: invalid, expired, already received, not available). */
async function load(deps: ServiceDeps, rawToken: string): Promise<Loaded> {
  const now = deps.clock.now();
  const token = await deps.store.getToken(hashToken(rawToken));
  if (!token) return { kind: 'final', preview: { state: 'TOKEN_INVALID' } };
  const target = await tokenTarget(
    deps,
    {
      mchid: token.mchid,
      brandId: token.brandId,
      appid: token.appid,
      openid: token.openid,
      productCouponId: token.productCouponId,
      stockBundleId: token.stockBundleId,
      stockId: token.stockId,
    },
    shanghaiDay(now),
  );
  if (!target) return { kind: 'final', preview: { state: 'NOT_AVAILABLE' } };
  const expired = now.getTime() > Date.parse(token.expiresAt);
  if (token.claimedAt !== null || expired) {
    const received = await alreadyReceived(deps, token, target);
    if (received) return { kind: 'final', preview: received };
    if (expired) return { kind: 'final', preview: { state: 'TOKEN_EXPIRED' } };
  }
  if (!isAvailable(target, now))
    return { kind: 'final', preview: { state: 'NOT_AVAILABLE', coupon: componentCoupon(target) } };
  return { kind: 'open', token, target, now };
}

/** The 已领取 answer when the token's request number was claimed with the same parameters (by any token). */
async function alreadyReceived(deps: ServiceDeps, token: TokenRecord, target: Target): Promise<TokenPreview | null> {
  const existing = await deps.store.getIssuance(token.mchid, token.brandId, token.sendRequestNo);
  if (!existing) return null;
  const coupon = componentCoupon(target);
  if (!sameRequest(existing, token)) return { state: 'NOT_AVAILABLE', coupon };
  return { state: 'ALREADY_RECEIVED', coupon, ...(await receivedIds(deps, target, existing.userCouponBundleId)) };
}

/** What 已领取 and 领取成功 name: the user bundle and its coupon #0; a single coupon only its code (D-100). */
async function receivedIds(deps: ServiceDeps, target: Target, userCouponBundleId: string, couponCode?: string) {
  const code = couponCode ?? (await deps.store.listBundleCoupons(userCouponBundleId))[0]?.couponCode;
  return {
    ...(isSingle(target) ? {} : { user_coupon_bundle_id: userCouponBundleId }),
    ...(code ? { coupon_code: code } : {}),
  };
}

const dailyReset = (now: Date) => toRfc3339(shanghaiMidnight(now, 1));

/** `GET /component/v1/tokens/{token}`: what a claim would do now, without doing it. */
export async function previewToken(deps: ServiceDeps, rawToken: string): Promise<TokenPreview> {
  const loaded = await load(deps, rawToken);
  if (loaded.kind === 'final') return loaded.preview;
  const received = await alreadyReceived(deps, loaded.token, loaded.target);
  if (received) return received;
  const coupon = componentCoupon(loaded.target);
  if (await codeTaken(deps, loaded.token.couponCode)) return { state: 'NOT_AVAILABLE', coupon };
  const { stock0, userKey } = loaded.target;
  const blocker = limitBlocker(loaded.target, await deps.store.getUserCount(stock0.stockId, userKey));
  if (blocker === 'DAILY_SOLD_OUT') return { state: blocker, coupon, daily_resets_at: dailyReset(loaded.now) };
  if (blocker === 'NO_CODES') return { state: 'SOLD_OUT', coupon };
  return { state: blocker ?? 'READY', coupon };
}

/** `POST /component/v1/tokens/{token}/claim`: the issuance transaction for the token's binding (D-9, D-11). */
export async function claimToken(deps: ServiceDeps, rawToken: string): Promise<ClaimResponse> {
  const loaded = await load(deps, rawToken);
  if (loaded.kind === 'final') {
    const { state, user_coupon_bundle_id, coupon_code } = loaded.preview;
    if (state === 'READY') throw new Error('unreachable');
    return {
      result: state,
      ...(user_coupon_bundle_id ? { user_coupon_bundle_id } : {}),
      ...(coupon_code ? { coupon_code } : {}),
    };
  }
  const { token, target, now } = loaded;
  const command = buildIssueCommand(
    deps,
    target,
    {
      mchid: token.mchid,
      brandId: token.brandId,
      appid: token.appid,
      openid: token.openid,
      sendRequestNo: token.sendRequestNo,
      attach: token.attach,
      channel: 'RECEIVE_COMPONENT',
      fingerprint: token.fingerprint,
      tokenHash: token.tokenHash,
      couponCode: token.couponCode,
    },
    now,
  );
  const outcome = await deps.store.issueBundle(command);
  switch (outcome.kind) {
    case 'ISSUED': {
      const code = outcome.couponCode ?? command.coupon.couponCode;
      return { result: 'RECEIVED', ...(await receivedIds(deps, target, command.bundle.userCouponBundleId, code)) };
    }
    case 'EXISTING':
      if (!sameRequest(outcome.issuance, token)) return { result: 'NOT_AVAILABLE' };
      return { result: 'ALREADY_RECEIVED', ...(await receivedIds(deps, target, outcome.issuance.userCouponBundleId)) };
    case 'DAILY_SOLD_OUT':
      return { result: 'DAILY_SOLD_OUT', daily_resets_at: dailyReset(now) };
    case 'NO_CODES':
      return { result: 'SOLD_OUT' };
    case 'CODE_TAKEN':
      return { result: 'NOT_AVAILABLE' };
    default:
      return { result: outcome.kind };
  }
}

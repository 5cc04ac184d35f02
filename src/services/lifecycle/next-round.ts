import { shanghaiDay, shanghaiMidnight } from '../../domain/clock.js';
import type { NextRound } from '../../store/lifecycle.js';
import type { ServiceDeps } from '../deps.js';
import { newRoundCoupon, sendEvent } from '../issuance/command.js';
import { resolveTarget, usesCodePool } from '../issuance/target.js';
import type { ResolvedCoupon } from './resolve.js';

/**
 * Coupon #k+1 that using coupon #k issues (D-11, D-14, D-15), or null: the coupon is a single coupon (D-106), the
 * bundle is deactivated, #k was the last round, #k+1 exists already (#k was returned and is used again), or stock #k+1 was deactivated with its product
 * coupon. It becomes available at once, or at 00:00+08:00 `interval_days` days after the use.
 */
export async function planNextRound(
  deps: ServiceDeps,
  r: ResolvedCoupon,
  callerAppid: string,
  now: Date,
): Promise<NextRound | null> {
  const { bundle, coupon, product } = r;
  const index = coupon.index + 1;
  // A single coupon is used once: the other stocks of its product coupon are never its rounds (D-106).
  if (product.data.usage_mode !== 'PROGRESSIVE_BUNDLE') return null;
  if (bundle.state !== 'ACTIVE' || index >= bundle.totalCount) return null;
  const issued = await deps.store.listBundleCoupons(bundle.userCouponBundleId);
  if (issued.some((c) => c.index === index)) return null;
  const day = shanghaiDay(now);
  const target = await resolveTarget(
    deps,
    {
      mchid: bundle.mchid,
      brandId: bundle.brandId,
      appid: callerAppid,
      openid: bundle.openid,
      productCouponId: bundle.productCouponId,
      stockBundleId: bundle.stockBundleId,
    },
    day,
  );
  const stock = target.stocks.find((s) => s.index === index);
  if (!stock || stock.state === 'DEACTIVATED') return null;
  const interval = product.data.progressive_bundle_usage_info?.interval_days ?? 0;
  const availableFrom = interval === 0 ? now : shanghaiMidnight(now, interval);
  const next = newRoundCoupon(
    deps,
    stock,
    {
      userCouponBundleId: bundle.userCouponBundleId,
      mchid: bundle.mchid,
      brandId: bundle.brandId,
      productCouponId: bundle.productCouponId,
      stockBundleId: bundle.stockBundleId,
      openid: bundle.openid,
      appid: bundle.appid,
      userKey: bundle.userKey,
      sendRequestNo: bundle.sendRequestNo,
      channel: bundle.channel,
      attach: bundle.attach,
      couponTagInfo: coupon.couponTagInfo,
    },
    availableFrom,
    now,
  );
  return {
    coupon: next,
    event: sendEvent(deps, next, target.unionid, now),
    maxCountPerUser: stock.maxCountPerUser,
    maxCountPerDay: stock.maxCountPerDay,
    day,
    ...(usesCodePool(stock) ? { fromPool: true as const } : {}),
  };
}

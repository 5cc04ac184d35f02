import { createHmac } from 'node:crypto';
import { checkBundleMode } from '../../domain/catalog-rules.js';
import { type CouponError, invalidRequest, Messages, notEnough, notFound } from '../../domain/errors.js';
import { canStillIssue } from '../../domain/validity.js';
import type { ProductCouponRecord, StockRecord } from '../../store/catalog.js';
import { checkCaller, ownedProductCoupon } from '../authorization.js';
import { singleStockOf } from '../catalog/lookup.js';
import type { ServiceDeps } from '../deps.js';

/** What a pre-send, send or claim refers to, resolved and checked in D-4 order up to existence. */
export interface Target {
  coupon: ProductCouponRecord;
  stocks: StockRecord[];
  stock0: StockRecord;
  userKey: string;
  unionid: string;
}

export interface TargetRef {
  mchid: string;
  brandId: string;
  appid: string;
  openid: string;
  productCouponId: string;
  /** A bundle, or the product coupon's own group for a single coupon (D-70). */
  stockBundleId: string;
  /** Set for a single coupon: the one stock it is issued from (D-100). */
  stockId?: string | null;
}

/** The target an issuance request body names. */
export const refOf = (
  mchid: string,
  openid: string,
  body: { brand_id: string; appid: string; product_coupon_id: string; stock_bundle_id: string },
): TargetRef => ({
  mchid,
  brandId: body.brand_id,
  appid: body.appid,
  openid,
  productCouponId: body.product_coupon_id,
  stockBundleId: body.stock_bundle_id,
});

/** The target a single-coupon request body names: its stock, under the product coupon's own group (D-70). */
export const singleRefOf = (
  mchid: string,
  openid: string,
  body: { brand_id: string; appid: string; product_coupon_id: string; stock_id: string },
): TargetRef => ({
  ...refOf(mchid, openid, { ...body, stock_bundle_id: body.product_coupon_id }),
  stockId: body.stock_id,
});

/** Whether the target is a single coupon (D-100): one stock, one coupon, no later round. */
export const isSingle = (t: Target) => t.coupon.data.usage_mode === 'SINGLE';

/**
 * D-2 and existence for a single coupon, as for a bundle; a stock of a bundle answers 400 naming the bundle API
 * `instead` (the single-coupon pages send those stocks there).
 */
export async function resolveSingleTarget(deps: ServiceDeps, ref: TargetRef, day: string, instead: string) {
  await checkCaller(deps, ref.mchid, ref.brandId, ref.appid, 'body');
  const coupon = await ownedProductCoupon(deps, ref.mchid, ref.brandId, ref.productCouponId);
  const stock = await singleStockOf(deps, coupon, ref.stockId ?? '', day, instead);
  return userTarget(deps, coupon, [stock], ref);
}

/**
 * D-2 authorization, AppID relation, then existence (404 for objects of other brands or merchants too); a single-mode
 * product coupon has no bundles (400, as D-72).
 */
export async function resolveTarget(deps: ServiceDeps, ref: TargetRef, day: string): Promise<Target> {
  const { store } = deps;
  await checkCaller(deps, ref.mchid, ref.brandId, ref.appid, 'body');
  const coupon = await ownedProductCoupon(deps, ref.mchid, ref.brandId, ref.productCouponId);
  checkBundleMode(coupon.data);
  const bundle = await store.getStockBundle(ref.stockBundleId);
  // A single-mode product coupon's stock group (D-70) is no bundle.
  const ours = bundle?.kind === 'BUNDLE' && bundle.productCouponId === coupon.productCouponId;
  if (!ours) throw notFound(Messages.stockBundleNotFound);
  const target = await bundleTarget(deps, coupon, ref, day);
  if (!target) throw notFound(Messages.stockBundleNotFound);
  return target;
}

/**
 * The target of a token, whose authorization and existence were checked when it was minted: only what the claim
 * needs, in two reads. `null` when the objects are gone.
 */
export async function tokenTarget(deps: ServiceDeps, ref: TargetRef, day: string): Promise<Target | null> {
  const coupon = await deps.store.getProductCoupon(ref.productCouponId);
  if (!coupon) return null;
  if (!ref.stockId) return bundleTarget(deps, coupon, ref, day);
  const stock = await deps.store.getStock(ref.stockId, day);
  return stock?.productCouponId === coupon.productCouponId ? userTarget(deps, coupon, [stock], ref) : null;
}

async function bundleTarget(
  deps: ServiceDeps,
  coupon: ProductCouponRecord,
  ref: TargetRef,
  day: string,
): Promise<Target | null> {
  const stocks = await deps.store.getIssuanceStocks(ref.stockBundleId, day);
  if (stocks[0]?.productCouponId !== coupon.productCouponId) return null;
  return userTarget(deps, coupon, stocks, ref);
}

/** The target with the user's key and unionid (D-3). */
async function userTarget(
  deps: ServiceDeps,
  coupon: ProductCouponRecord,
  stocks: StockRecord[],
  ref: TargetRef,
): Promise<Target> {
  const registered = await deps.store.getUnionId(ref.brandId, ref.openid);
  const unionid = registered ?? (await pseudonymousUnionId(deps, ref.brandId, ref.openid));
  return { coupon, stocks, stock0: stocks[0]!, userKey: registered ?? `openid:${ref.openid}`, unionid };
}

const brandSecrets = new WeakMap<object, Map<string, string>>();

/** D-3: a stable unionid-shaped pseudonym when none is registered. Brand secrets never change, so they are kept. */
async function pseudonymousUnionId(deps: ServiceDeps, brandId: string, openid: string): Promise<string> {
  let secrets = brandSecrets.get(deps.store);
  if (!secrets) {
    secrets = new Map();
    brandSecrets.set(deps.store, secrets);
  }
  let secret = secrets.get(brandId);
  if (secret === undefined) {
    secret = (await deps.store.getBrand(brandId))?.secret ?? brandId;
    secrets.set(brandId, secret);
  }
  return `o${createHmac('sha256', secret).update(openid).digest('base64url').slice(0, 27)}`;
}

/** The period a stock's coupons can be used in, from the rule of its mode. */
export const availablePeriodOf = (s: StockRecord) =>
  (s.data.progressive_bundle_usage_rule ?? s.data.single_usage_rule)?.coupon_available_period;

/** Whether the target can issue now: product coupon EFFECTIVE, stock #0 SENDING, sending period not over. */
export function isAvailable(t: Target, now: Date): boolean {
  const period = availablePeriodOf(t.stock0);
  return (
    t.coupon.state === 'EFFECTIVE' &&
    t.stock0.state === 'SENDING' &&
    (period === undefined || canStillIssue(period, now))
  );
}

export type Blocker = 'USER_LIMIT_REACHED' | 'SOLD_OUT' | 'DAILY_SOLD_OUT' | 'NO_CODES';

/** Fail-fast limit checks without reservation (D-7), in D-4 order: per user (`userCount`), then budgets. */
export function limitBlocker(t: Target, userCount: number): Blocker | null {
  const s = t.stock0;
  if (userCount >= s.maxCountPerUser) return 'USER_LIMIT_REACHED';
  if (s.totalCount >= s.maxCount) return 'SOLD_OUT';
  if (s.maxCountPerDay !== null && s.todayCount >= s.maxCountPerDay) return 'DAILY_SOLD_OUT';
  return codesExhausted(t) ? 'NO_CODES' : null;
}

/** UPLOAD-mode stocks issue only pre-uploaded codes, each taken from the stock's own pool (D-86). */
export const usesCodePool = (s: StockRecord) => s.data.coupon_code_mode === 'UPLOAD';

/** Fail-fast only (D-7): the issuing transaction takes the code, and an empty pool refuses it there. */
const codesExhausted = (t: Target) =>
  usesCodePool(t.stock0) && (t.stock0.data.coupon_code_count_info?.available_count ?? 0) === 0;

/** Maps a fail-fast blocker to the error pre-send and send answer (their documented error tables). */
export function blockerError(blocker: Blocker): CouponError {
  if (blocker === 'USER_LIMIT_REACHED') return invalidRequest(Messages.userLimit);
  return notEnough(blocker === 'NO_CODES' ? Messages.codesExhausted : Messages.budget);
}

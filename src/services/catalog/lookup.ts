import { checkBundleMode } from '../../domain/catalog-rules.js';
import { invalidRequest, Messages, notFound } from '../../domain/errors.js';
import type { ProductCouponRecord, ProductCouponState, StateChecked, StockRecord } from '../../store/catalog.js';
import { checkAppIdRelated, checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { checkImageUrls } from '../media/image-urls.js';
import { stockStateAt } from './render.js';

/** Existence and state checks shared by the catalog services (D-4: existence → 404, state → 400). */

/**
 * The bundle's stocks in index order, if the bundle belongs to this product coupon; else 404. A single-mode product
 * coupon has no bundles: 400 (D-72).
 */
export async function bundleStocksOf(
  deps: ServiceDeps,
  coupon: ProductCouponRecord,
  stockBundleId: string,
  day: string,
): Promise<StockRecord[]> {
  checkBundleMode(coupon.data);
  const bundle = await deps.store.getStockBundle(stockBundleId);
  const ours = bundle?.kind === 'BUNDLE' && bundle.productCouponId === coupon.productCouponId;
  if (!ours) throw notFound(Messages.stockBundleNotFound);
  return deps.store.getBundleStocks(stockBundleId, day);
}

/**
 * A stock of a single-mode product coupon (D-70), if it belongs to this product coupon; else 404. A stock of a bundle
 * answers `400 INVALID_REQUEST`, naming the bundle API `instead` to use when there is one (D-73, D-104).
 */
export async function singleStockOf(
  deps: ServiceDeps,
  coupon: ProductCouponRecord,
  stockId: string,
  day: string,
  instead?: string,
): Promise<StockRecord> {
  const stock = await deps.store.getStock(stockId, day);
  if (!stock || stock.productCouponId !== coupon.productCouponId) throw notFound(Messages.stockNotFound);
  if (coupon.data.usage_mode !== 'SINGLE' || stock.stockBundleId !== coupon.productCouponId)
    throw stateRefused(`多次优惠批次组内的批次不可使用本接口${instead ? `，请使用${instead}接口` : ''}`);
  return stock;
}

/**
 * D-4 up to existence for the APIs that add stocks to a product coupon (添加商品券批次组 / 添加商品券批次): the brand,
 * the notify AppID at `part`/notify_config/notify_appid, then the product coupon.
 */
export async function couponToAddTo(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  body: { brand_id: string },
  part: { name: 'stock_bundle' | 'stock'; notifyAppId: string },
): Promise<ProductCouponRecord> {
  await checkImageUrls(deps, body);
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  await checkAppIdRelated(deps, mchid, body.brand_id, part.notifyAppId, {
    field: `/${part.name}/notify_config/notify_appid`,
    location: 'body',
  });
  return ownedProductCoupon(deps, mchid, body.brand_id, productCouponId);
}

/** `400 INVALID_REQUEST 传入参数不符合业务规则`, with the reason after it. */
export const stateRefused = (why: string) => invalidRequest(`${Messages.businessRule}：${why}`);

export function requireEffective(coupon: Pick<ProductCouponRecord, 'state'>): void {
  if (coupon.state !== 'EFFECTIVE')
    throw stateRefused(`商品券当前状态为 ${coupon.state}，仅 EFFECTIVE 状态的商品券可以执行此操作`);
}

/** A product coupon found no longer `EFFECTIVE` by the write itself (D-108). */
export const refuseCouponState = (state: ProductCouponState) => requireEffective({ state });

/**
 * D-108, as the settling of a conditional write: the state it found when it refused (the record moved on after it
 * was checked) answers as the check would have answered had it run later.
 */
export const keptState =
  <S>(refuse: (found: S) => void) =>
  (outcome: StateChecked<S>): undefined => {
    if (!outcome.ok) refuse(outcome.state);
    return undefined;
  };

export function requireNotDeactivated(coupon: ProductCouponRecord): void {
  if (coupon.state === 'DEACTIVATED') throw stateRefused('商品券已失效');
}

/** 修改商品券批次组, 修改商品券批次组发放预算: the bundle's stocks must be neither deactivated nor expired; `expired` is the documented wording. */
export function requireLiveStocks(stocks: StockRecord[], now: Date, expired = '批次已过期'): void {
  for (const s of stocks) {
    const state = stockStateAt(s, now);
    if (state === 'DEACTIVATED') throw stateRefused(StockRefusals.deactivated);
    if (state === 'STOPPED') throw invalidRequest(expired);
  }
}

/**
 * 修改商品券批次 / 失效商品券批次: the stock must be `SENDING` or `PAUSED`, as both pages require (D-104, D-105): a
 * deactivated or ended stock answers as `requireLiveStocks` says, one still under review is refused too.
 */
export function requireSendingStock(stock: StockRecord, now: Date): void {
  requireLiveStocks([stock], now);
  if (stock.state === 'AUDITING') throw stateRefused(StockRefusals.auditing);
}

const StockRefusals = {
  auditing: '批次审核中，仅 SENDING 或 PAUSED 状态的批次可以执行此操作',
  deactivated: '批次已失效',
} as const;

/** A stock found deactivated by the write itself (D-108). */
export function refuseStockState(): never {
  throw stateRefused(StockRefusals.deactivated);
}

/** 创建商品券 precondition: the provider has set its event notify URL (设置商品券事件通知地址) before creating product coupons. */
export async function requireNotifyUrl(deps: ServiceDeps, mchid: string): Promise<void> {
  const merchant = await deps.store.getMerchant(mchid);
  if (!merchant?.notifyUrl) throw stateRefused('请先调用设置商品券事件通知地址接口（notify-configs）配置通知地址');
}

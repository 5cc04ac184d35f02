import { checkBundleMode } from '../../domain/catalog-rules.js';
import { shanghaiDay } from '../../domain/clock.js';
import { Messages, notFound } from '../../domain/errors.js';
import type { ProductCouponRecord, StockRecord } from '../../store/catalog.js';
import type { UserCouponBundleRecord, UserCouponRecord } from '../../store/issuance.js';
import { checkCaller, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { LifecycleMessages } from './messages.js';

interface CouponRef {
  mchid: string;
  openid: string;
  couponCode: string;
  productCouponId: string;
  stockId: string;
  appid: string;
  brandId: string;
}

export interface ResolvedCoupon {
  product: ProductCouponRecord;
  stock: StockRecord;
  coupon: UserCouponRecord;
  bundle: UserCouponBundleRecord;
}

/** D-4 up to existence for confirm / use / return: caller, product coupon, stock, then the user's coupon. */
async function resolveCoupon(deps: ServiceDeps, ref: CouponRef): Promise<ResolvedCoupon> {
  await checkCaller(deps, ref.mchid, ref.brandId, ref.appid, 'body');
  const product = await ownedProductCoupon(deps, ref.mchid, ref.brandId, ref.productCouponId);
  const stock = await deps.store.getStock(ref.stockId, shanghaiDay(deps.clock.now()));
  if (!stock || stock.productCouponId !== product.productCouponId) throw notFound(Messages.stockNotFound);
  const coupon = await deps.store.getUserCoupon(ref.couponCode);
  if (
    !coupon ||
    coupon.openid !== ref.openid ||
    coupon.brandId !== ref.brandId ||
    coupon.mchid !== ref.mchid ||
    coupon.productCouponId !== product.productCouponId
  )
    throw notFound(Messages.couponNotFound);
  if (coupon.stockId !== stock.stockId) throw notFound(Messages.stockNotFound);
  const bundle = await deps.store.getUserCouponBundle(coupon.userCouponBundleId);
  if (!bundle) throw new Error(`user coupon ${coupon.couponCode} has no bundle`);
  return { product, stock, coupon, bundle };
}

export interface BundleRef {
  mchid: string;
  openid: string;
  userCouponBundleId: string;
  productCouponId: string;
  stockBundleId: string;
  appid: string;
  brandId: string;
}

/**
 * D-4 up to existence for deactivate: caller, product coupon, stock bundle, user bundle. A single-mode product coupon
 * has no bundles, so it answers D-72's 400 whatever the bundle ids (D-107).
 */
export async function resolveBundle(deps: ServiceDeps, ref: BundleRef) {
  await checkCaller(deps, ref.mchid, ref.brandId, ref.appid, 'body');
  const product = await ownedProductCoupon(deps, ref.mchid, ref.brandId, ref.productCouponId);
  checkBundleMode(product.data);
  const stockBundle = await deps.store.getStockBundle(ref.stockBundleId);
  if (!stockBundle || stockBundle.productCouponId !== product.productCouponId)
    throw notFound(Messages.stockBundleNotFound);
  const bundle = await deps.store.getUserCouponBundle(ref.userCouponBundleId);
  if (
    !bundle ||
    bundle.openid !== ref.openid ||
    bundle.brandId !== ref.brandId ||
    bundle.mchid !== ref.mchid ||
    bundle.stockBundleId !== stockBundle.stockBundleId
  )
    throw notFound(LifecycleMessages.bundleNotFound);
  return { product, bundle };
}

/** The body fields every single-coupon call carries. */
export interface CouponCallBody {
  product_coupon_id: string;
  stock_id: string;
  appid: string;
  brand_id: string;
  out_request_no: string;
}

/**
 * The request-number key, the parameters a repeat must match, and the lookup of one coupon call; a number bound to
 * other parameters is refused after the state rules (D-107).
 */
export function couponCall(
  deps: ServiceDeps,
  api: string,
  call: { mchid: string; openid: string; couponCode: string; body: CouponCallBody },
) {
  const { mchid, openid, couponCode, body } = call;
  return {
    key: { mchid, brandId: body.brand_id, api, requestNo: body.out_request_no },
    parameters: { openid, coupon_code: couponCode, body },
    conflictAfterState: true,
    resolve: () =>
      resolveCoupon(deps, {
        mchid,
        openid,
        couponCode,
        productCouponId: body.product_coupon_id,
        stockId: body.stock_id,
        appid: body.appid,
        brandId: body.brand_id,
      }),
  };
}

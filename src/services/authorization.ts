import { invalidRequest, Messages, noAuth, notFound } from '../domain/errors.js';
import type { ProductCouponRecord } from '../store/catalog.js';
import { settleAudit } from './catalog/audit.js';
import type { ServiceDeps } from './deps.js';

/** D-2: who may act on what. Every `/v3` service asks these questions the same way. */

/** The brand must have authorized the calling merchant (BM relation): else `403 NO_AUTH`. */
export async function checkBrandAuthorized(deps: ServiceDeps, mchid: string, brandId: string): Promise<void> {
  if (!(await deps.store.isBrandAuthorized(brandId, mchid))) throw noAuth();
}

export interface AppIdField {
  field: string;
  location: 'body' | 'query';
}

/** The AppID must be related to the merchant (MA) or the brand (BA): else `400 INVALID_REQUEST` 传入的AppID非法. */
export async function checkAppIdRelated(
  deps: ServiceDeps,
  mchid: string,
  brandId: string,
  appid: string,
  at: AppIdField = { field: 'appid', location: 'body' },
): Promise<void> {
  const app = await deps.store.getAppId(appid);
  const related =
    app !== null &&
    ((app.ownerType === 'MERCHANT' && app.ownerId === mchid) || (app.ownerType === 'BRAND' && app.ownerId === brandId));
  if (!related) throw invalidRequest(Messages.appidInvalid, { field: at.field, value: appid, location: at.location });
}

/** D-2 for user-side calls: the brand authorizes the caller and the AppID is related to one of them. */
export async function checkCaller(
  deps: ServiceDeps,
  mchid: string,
  brandId: string,
  appid: string,
  location: AppIdField['location'] = 'query',
): Promise<void> {
  await checkBrandAuthorized(deps, mchid, brandId);
  await checkAppIdRelated(deps, mchid, brandId, appid, { field: 'appid', location });
}

/**
 * The product coupon, if it was created by this merchant for this brand; anything else is `404 NOT_FOUND` with the
 * message of a missing one, so other tenants' ids leak nothing. A finished sandbox review is applied here (D-21).
 */
export async function ownedProductCoupon(
  deps: ServiceDeps,
  mchid: string,
  brandId: string,
  productCouponId: string,
): Promise<ProductCouponRecord> {
  const coupon = await deps.store.getProductCoupon(productCouponId);
  if (!coupon || coupon.brandId !== brandId || coupon.mchid !== mchid) throw notFound(Messages.productCouponNotFound);
  return settleAudit(deps, coupon);
}

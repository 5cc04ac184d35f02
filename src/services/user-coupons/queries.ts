import { Messages, notFound } from '../../domain/errors.js';
import { fieldError } from '../../domain/field-error.js';
import type { GetUserCouponQuery, ListUserCouponsQuery, ListUserCouponsResponse } from '../../schemas/user-coupons.js';
import { checkCaller, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { userCouponAnswer } from './answer.js';

/** Moved to `services/authorization.ts`; re-exported for the user-side services that import it from here. */

/** 查询用户商品券详情: the coupon must belong to this user, brand, product coupon and stock. */
export async function getUserCoupon(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  couponCode: string,
  q: GetUserCouponQuery,
) {
  await checkCaller(deps, mchid, q.brand_id, q.appid);
  await ownedProductCoupon(deps, mchid, q.brand_id, q.product_coupon_id);
  const c = await deps.store.getUserCoupon(couponCode);
  if (
    !c ||
    c.openid !== openid ||
    c.brandId !== q.brand_id ||
    c.mchid !== mchid ||
    c.productCouponId !== q.product_coupon_id
  )
    throw notFound(Messages.couponNotFound);
  if (c.stockId !== q.stock_id) throw notFound(Messages.stockNotFound);
  return userCouponAnswer(deps, c);
}

const encodePage = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodePage(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw fieldError('query', '/page_token', 'value', Messages.pageTokenUnknown, token);
  return Number(m[1]);
}

/** 指定券状态查询用户商品券列表; `total_count` only on the first page, as documented. */
export async function listUserCoupons(
  deps: ServiceDeps,
  mchid: string,
  openid: string,
  q: ListUserCouponsQuery,
): Promise<ListUserCouponsResponse> {
  await checkCaller(deps, mchid, q.brand_id, q.appid);
  if (q.product_coupon_id !== undefined) await ownedProductCoupon(deps, mchid, q.brand_id, q.product_coupon_id);
  const offset = decodePage(q.page_token);
  const limit = q.page_size ?? 20;
  const { coupons, total } = await deps.store.listUserCoupons({
    brandId: q.brand_id,
    openid,
    mchid,
    ...(q.coupon_state ? { state: q.coupon_state } : {}),
    now: deps.clock.now(),
    ...(q.product_coupon_id ? { productCouponId: q.product_coupon_id } : {}),
    ...(q.stock_id ? { stockId: q.stock_id } : {}),
    ...(q.user_coupon_bundle_id ? { userCouponBundleId: q.user_coupon_bundle_id } : {}),
    offset,
    limit,
  });
  const list = await Promise.all(coupons.map((c) => userCouponAnswer(deps, c)));
  return {
    ...(q.page_token ? {} : { total_count: total }),
    user_coupon_list: list,
    ...(offset + coupons.length < total ? { next_page_token: encodePage(offset + coupons.length) } : {}),
  };
}

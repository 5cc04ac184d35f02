import type { Static } from '@sinclair/typebox';
import { shanghaiDay } from '../../domain/clock.js';
import { Messages, notFound } from '../../domain/errors.js';
import type { ConsoleCouponListQuery } from '../../schemas/console.js';
import type { StockRecord } from '../../store/catalog.js';
import type { ServiceDeps } from '../deps.js';

/** More stocks than this in one product coupon are cut from the detail view (`stocks_truncated`). */
const DETAIL_STOCK_LIMIT = 1000;

/** `/console/product-coupons`: a page of summaries, filtered by merchant, brand, mode and state (D-60). */
export async function listCouponSummaries(deps: ServiceDeps, q: Static<typeof ConsoleCouponListQuery>) {
  const { items, total } = await deps.store.listProductCouponSummaries({
    ...(q.mchid ? { mchid: q.mchid } : {}),
    ...(q.brand_id ? { brandId: q.brand_id } : {}),
    ...(q.mode ? { mode: q.mode } : {}),
    ...(q.state ? { state: q.state } : {}),
    offset: q.offset,
    limit: q.limit,
  });
  return {
    total_count: total,
    data: items.map((s) => ({
      product_coupon_id: s.productCouponId,
      mchid: s.mchid,
      brand_id: s.brandId,
      name: s.name,
      mode: s.mode,
      state: s.state,
      bundles: s.bundles,
      stocks: s.stocks,
      issued: s.issued,
      budget: s.budget,
      create_time: s.createdAt,
    })),
  };
}

const stockView = (s: StockRecord) => ({
  stock_id: s.stockId,
  index: s.index,
  state: s.state,
  max_count: s.maxCount,
  max_count_per_day: s.maxCountPerDay,
  max_count_per_user: s.maxCountPerUser,
  issued: s.totalCount,
  issued_today: s.todayCount,
});

/** `/console/product-coupons/{id}`: the product coupon with each bundle and stock, limits and counts. */
export async function couponDetail(deps: ServiceDeps, productCouponId: string) {
  const day = shanghaiDay(deps.clock.now());
  const [coupon, { stocks, total }] = await Promise.all([
    deps.store.getProductCoupon(productCouponId),
    deps.store.listStocks({ productCouponId, limit: DETAIL_STOCK_LIMIT, day }),
  ]);
  if (!coupon) throw notFound(Messages.productCouponNotFound);
  const bundles = new Map<string, ReturnType<typeof stockView>[]>();
  for (const s of stocks) bundles.set(s.stockBundleId, [...(bundles.get(s.stockBundleId) ?? []), stockView(s)]);
  return {
    product_coupon_id: coupon.productCouponId,
    mchid: coupon.mchid,
    brand_id: coupon.brandId,
    name: coupon.data.display_info.name,
    mode: coupon.data.usage_mode,
    type: coupon.data.type,
    state: coupon.state,
    create_time: coupon.createdAt,
    day,
    bundles: [...bundles].map(([stock_bundle_id, list]) => ({ stock_bundle_id, stocks: list })),
    stocks_truncated: total > stocks.length,
  };
}

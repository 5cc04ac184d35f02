import type { ProductCouponT } from '../../schemas/objects/product-coupon.js';
import type { StockT } from '../../schemas/objects/stock.js';
import type { ProductCouponRecord, StockRecord } from '../../store/catalog.js';

/** Stored records → the WeChat objects of api-contract.md §11.1 and §11.2. */
export function renderProductCoupon(r: ProductCouponRecord): ProductCouponT {
  return {
    ...r.data,
    state: r.state,
    ...(r.deactivation
      ? {
          deactivate_request_no: r.deactivation.request_no,
          deactivate_time: r.deactivation.time,
          deactivate_reason: r.deactivation.reason,
        }
      : {}),
    brand_id: r.brandId,
  };
}

export function renderStock(r: StockRecord): StockT {
  return {
    ...r.data,
    stock_send_rule: {
      max_count: r.maxCount,
      ...(r.maxCountPerDay !== null ? { max_count_per_day: r.maxCountPerDay } : {}),
      max_count_per_user: r.maxCountPerUser,
    },
    sent_count_info: { total_count: r.totalCount, today_count: r.todayCount },
    state: r.state,
    ...(r.deactivation
      ? {
          deactivate_request_no: r.deactivation.request_no,
          deactivate_time: r.deactivation.time,
          deactivate_reason: r.deactivation.reason,
        }
      : {}),
    brand_id: r.brandId,
  };
}

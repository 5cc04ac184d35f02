import { parseRfc3339 } from '../../domain/clock.js';
import type { ProductCouponT } from '../../schemas/objects/product-coupon.js';
import type { StockBundleT, StockT } from '../../schemas/objects/stock.js';
import type { Deactivation, ProductCouponRecord, StockRecord, StockState } from '../../store/catalog.js';

/** Stored records → WeChat's ProductCoupon and Stock objects. */
const deactivationFields = (d: Deactivation | null) =>
  d ? { deactivate_request_no: d.request_no, deactivate_time: d.time, deactivate_reason: d.reason } : {};

export function renderProductCoupon(r: ProductCouponRecord): ProductCouponT {
  return { ...r.data, state: r.state, ...deactivationFields(r.deactivation), brand_id: r.brandId };
}

/** When the stock's sending period ends, after which it no longer issues. */
function stockEnd(r: StockRecord): Date | null {
  const rule = r.data.single_usage_rule ?? r.data.progressive_bundle_usage_rule;
  const end = rule?.coupon_available_period.available_end_time;
  return end === undefined ? null : parseRfc3339(end);
}

/** A SENDING stock whose end time has passed is STOPPED; derived on read, so it is exact at every instant (docs/fidelity.md, States). */
export function stockStateAt(r: StockRecord, now: Date): StockState {
  const end = stockEnd(r);
  return r.state === 'SENDING' && end !== null && now > end ? 'STOPPED' : r.state;
}

/** `now` applies the end-of-period transition; without it the stored state is shown. */
export function renderStock(r: StockRecord, now?: Date): StockT {
  return {
    ...r.data,
    stock_send_rule: {
      max_count: r.maxCount,
      ...(r.maxCountPerDay !== null ? { max_count_per_day: r.maxCountPerDay } : {}),
      max_count_per_user: r.maxCountPerUser,
    },
    sent_count_info: { total_count: r.totalCount, today_count: r.todayCount },
    state: now ? stockStateAt(r, now) : r.state,
    ...deactivationFields(r.deactivation),
    brand_id: r.brandId,
  };
}

export function renderBundle(stockBundleId: string, stocks: StockRecord[], now: Date): StockBundleT {
  return { stock_bundle_id: stockBundleId, stock_list: stocks.map((s) => renderStock(s, now)) };
}

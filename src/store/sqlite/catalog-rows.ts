import type {
  Deactivation,
  ProductCouponRecord,
  StockBundleRecord,
  StockData,
  StockRecord,
  StockState,
} from '../catalog.js';
import { parse } from './rows.js';

export interface ProductCouponRow {
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  state: ProductCouponRecord['state'];
  data: string;
  deactivation: string | null;
  created_at: string;
  updated_at: string;
}

const productCouponOf = (r: ProductCouponRow, data: ProductCouponRecord['data']): ProductCouponRecord => ({
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  state: r.state,
  data,
  deactivation: parse<Deactivation>(r.deactivation),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface StockBundleRow {
  stock_bundle_id: string;
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  created_at: string;
}

export const toStockBundle = (r: StockBundleRow): StockBundleRecord => ({
  stockBundleId: r.stock_bundle_id,
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  createdAt: r.created_at,
});

export interface StockRow {
  stock_id: string;
  stock_bundle_id: string;
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  idx: number;
  seq: number;
  state: StockState;
  data: string;
  max_count: number;
  max_count_per_user: number;
  max_count_per_day: number | null;
  total_count: number;
  today_count: number | null;
  deactivation: string | null;
  created_at: string;
  updated_at: string;
}

const stockOf = (r: StockRow, data: StockData): StockRecord => ({
  stockId: r.stock_id,
  stockBundleId: r.stock_bundle_id,
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  index: r.idx,
  state: r.state,
  data,
  maxCount: r.max_count,
  maxCountPerUser: r.max_count_per_user,
  maxCountPerDay: r.max_count_per_day,
  totalCount: r.total_count,
  todayCount: r.today_count ?? 0,
  deactivation: parse<Deactivation>(r.deactivation),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Stocks with the day's issued count joined in; the day is the first parameter. */
export const STOCK_SELECT = `SELECT s.*, d.count AS today_count FROM stocks s
  LEFT JOIN stock_day_counts d ON d.stock_id = s.stock_id AND d.day = ?`;

/**
 * Parsed `data` by id, reused while the stored text is unchanged: issuance reads the same stocks over and over, and
 * parsing them is most of the read. Records are never mutated in place, so sharing the parsed object is safe.
 */
class ParsedCache<T> {
  private readonly entries = new Map<string, { text: string; value: T }>();
  constructor(private readonly max = 10_000) {}
  get(id: string, text: string): T {
    const hit = this.entries.get(id);
    if (hit?.text === text) return hit.value;
    const value = JSON.parse(text) as T;
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(id, { text, value });
    return value;
  }
}

/** Row mappers of one store, each with its own parse cache. */
export function catalogMappers() {
  const stockData = new ParsedCache<StockData>();
  const couponData = new ParsedCache<ProductCouponRecord['data']>();
  return {
    toProductCoupon: (r: ProductCouponRow) => productCouponOf(r, couponData.get(r.product_coupon_id, r.data)),
    toStock: (r: StockRow) => stockOf(r, stockData.get(r.stock_id, r.data)),
  };
}

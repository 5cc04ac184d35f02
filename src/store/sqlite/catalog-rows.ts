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

export const toProductCoupon = (r: ProductCouponRow): ProductCouponRecord => ({
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  state: r.state,
  data: JSON.parse(r.data) as ProductCouponRecord['data'],
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

export const toStock = (r: StockRow): StockRecord => ({
  stockId: r.stock_id,
  stockBundleId: r.stock_bundle_id,
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  index: r.idx,
  state: r.state,
  data: JSON.parse(r.data) as StockData,
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

import type {
  Deactivation,
  ProductCouponRecord,
  ProductCouponState,
  RequestRecord,
  StockBundleRecord,
  StockData,
  StockRecord,
  StockState,
} from '../catalog.js';

/** Row shapes of the catalog tables and their mapping to port records (JSONB columns arrive parsed). */
export type RequestRow = {
  mchid: string;
  brand_id: string;
  api: string;
  request_no: string;
  fingerprint: string;
  status: number;
  response: string;
  created_at: string;
};

export type ProductCouponRow = {
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  state: ProductCouponState;
  data: ProductCouponRecord['data'];
  deactivation: Deactivation | null;
  created_at: string;
  updated_at: string;
};

export type StockBundleRow = {
  stock_bundle_id: string;
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  created_at: string;
};

export type StockRow = {
  stock_id: string;
  stock_bundle_id: string;
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  idx: number;
  state: StockState;
  data: StockData;
  max_count: number;
  max_count_per_user: number;
  max_count_per_day: number | null;
  total_count: number;
  today_count: number;
  deactivation: Deactivation | null;
  created_at: string;
  updated_at: string;
};

export const toRequest = (r: RequestRow): RequestRecord => ({
  mchid: r.mchid,
  brandId: r.brand_id,
  api: r.api,
  requestNo: r.request_no,
  fingerprint: r.fingerprint,
  status: r.status,
  response: r.response,
  createdAt: r.created_at,
});

export const toProductCoupon = (r: ProductCouponRow): ProductCouponRecord => ({
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  state: r.state,
  data: r.data,
  deactivation: r.deactivation,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toStockBundle = (r: StockBundleRow): StockBundleRecord => ({
  stockBundleId: r.stock_bundle_id,
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  createdAt: r.created_at,
});

export const toStock = (r: StockRow): StockRecord => ({
  stockId: r.stock_id,
  stockBundleId: r.stock_bundle_id,
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  index: r.idx,
  state: r.state,
  data: r.data,
  maxCount: r.max_count,
  maxCountPerUser: r.max_count_per_user,
  maxCountPerDay: r.max_count_per_day,
  totalCount: r.total_count,
  todayCount: r.today_count,
  deactivation: r.deactivation,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Stocks with the issued count of one Shanghai day (`$1`); callers append WHERE / ORDER BY on alias `s`. */
export const STOCKS_FOR_DAY = `
SELECT s.stock_id, s.stock_bundle_id, s.product_coupon_id, s.mchid, s.brand_id, s.idx, s.state, s.data,
       s.max_count, s.max_count_per_user, s.max_count_per_day, s.total_count, COALESCE(d.count, 0) AS today_count,
       s.deactivation, s.created_at, s.updated_at
FROM stocks s LEFT JOIN stock_day_counts d ON d.stock_id = s.stock_id AND d.day = $1`;

/** JSONB parameters are sent as text: node-postgres would turn a JS array into a PostgreSQL array. */
export const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

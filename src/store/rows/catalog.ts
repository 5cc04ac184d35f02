import type {
  Deactivation,
  ProductCouponRecord,
  ProductCouponState,
  StockBundleRecord,
  StockData,
  StockRecord,
  StockState,
} from '../catalog.js';
import { type JsonReader, jsonText, readNullable } from './json.js';

/** Row shapes of the catalog tables; `J` is a JSON column as the driver returns it. */
export interface ProductCouponRow<J> {
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  state: ProductCouponState;
  data: J;
  deactivation: J | null;
  created_at: string;
  updated_at: string;
}

export interface StockBundleRow {
  stock_bundle_id: string;
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  created_at: string;
}

export interface StockRow<J> {
  stock_id: string;
  stock_bundle_id: string;
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  idx: number;
  state: StockState;
  data: J;
  max_count: number;
  max_count_per_user: number;
  max_count_per_day: number | null;
  total_count: number;
  /** Null when the day has no counter row yet. */
  today_count: number | null;
  deactivation: J | null;
  created_at: string;
  updated_at: string;
}

export const toStockBundle = (r: StockBundleRow): StockBundleRecord => ({
  stockBundleId: r.stock_bundle_id,
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  createdAt: r.created_at,
});

export interface CatalogJsonReaders<J> {
  json: JsonReader<J>;
  /** Reads `data`; defaults to `json`, an adapter may cache instead. */
  couponData?: (r: ProductCouponRow<J>) => ProductCouponRecord['data'];
  stockData?: (r: StockRow<J>) => StockData;
}

/** Mappers from catalog rows to port records, reading JSON columns the adapter's way. */
export function catalogRowMappers<J>({
  json,
  couponData = (r) => json(r.data),
  stockData = (r) => json(r.data),
}: CatalogJsonReaders<J>) {
  return {
    toProductCoupon: (r: ProductCouponRow<J>): ProductCouponRecord => ({
      productCouponId: r.product_coupon_id,
      mchid: r.mchid,
      brandId: r.brand_id,
      state: r.state,
      data: couponData(r),
      deactivation: readNullable<J, Deactivation>(json, r.deactivation),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
    toStock: (r: StockRow<J>): StockRecord => ({
      stockId: r.stock_id,
      stockBundleId: r.stock_bundle_id,
      productCouponId: r.product_coupon_id,
      mchid: r.mchid,
      brandId: r.brand_id,
      index: r.idx,
      state: r.state,
      data: stockData(r),
      maxCount: r.max_count,
      maxCountPerUser: r.max_count_per_user,
      maxCountPerDay: r.max_count_per_day,
      totalCount: r.total_count,
      todayCount: r.today_count ?? 0,
      deactivation: readNullable<J, Deactivation>(json, r.deactivation),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  };
}

export const PRODUCT_COUPON_COLUMNS =
  'product_coupon_id, mchid, brand_id, state, data, deactivation, created_at, updated_at';

export const productCouponValues = (c: ProductCouponRecord) => [
  c.productCouponId,
  c.mchid,
  c.brandId,
  c.state,
  jsonText(c.data),
  jsonText(c.deactivation),
  c.createdAt,
  c.updatedAt,
];

/** Counters are left out: they start at zero whatever the record says, the store owns them. */
export const STOCK_COLUMNS =
  'stock_id, stock_bundle_id, product_coupon_id, mchid, brand_id, idx, seq, state, data, max_count, max_count_per_user, max_count_per_day, deactivation, created_at, updated_at';

/** `seq` orders stocks across bundles; each adapter numbers it its own way. */
export const stockValues = (s: StockRecord, seq: number | string) => [
  s.stockId,
  s.stockBundleId,
  s.productCouponId,
  s.mchid,
  s.brandId,
  s.index,
  seq,
  s.state,
  jsonText(s.data),
  s.maxCount,
  s.maxCountPerUser,
  s.maxCountPerDay,
  jsonText(s.deactivation),
  s.createdAt,
  s.updatedAt,
];

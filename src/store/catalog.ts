import type { BudgetDimension, BudgetRefusal } from '../domain/catalog/budget.js';
import type { ProductCouponState, StockState } from '../domain/states.js';
import type { RecordFor } from './typed/records.js';
import type { Deactivation, StockData } from './typed/tables.js';

/** Records and port methods of the catalog: product coupons, stock bundles, stocks and their budgets. */
export type { ProductCouponState, StockState } from '../domain/states.js';
export type { Deactivation, StockData } from './typed/tables.js';

export type ProductCouponRecord = RecordFor<'product_coupons'>;

/** A stock bundle, or the stock group of a single-mode product coupon (D-70). */
export type StockBundleRecord = RecordFor<'stock_bundles'>;

export type StockRecord = RecordFor<'stocks'> & {
  /** Issued on the Shanghai day the record was read for. */
  todayCount: number;
};

/** D-5: the first use of a request number binds it to the request's canonical parameters and its answer. */
export type RequestRecord = RecordFor<'request_records'>;

export type RequestKey = Pick<RequestRecord, 'mchid' | 'brandId' | 'api' | 'requestNo'>;

/** A mutation guarded by a request number: either it ran, or the number was already bound (replay or conflict). */
export type Guarded<T> = { ran: true; value: T } | { ran: false; existing: RequestRecord };

/**
 * A write conditional on the state it was planned from (D-108): applied, or refused because the record had moved on
 * to `state` meanwhile, in which case nothing is written and the request number stays free.
 */
export type StateChecked<S> = { ok: true } | { ok: false; state: S };

export interface StockQuery {
  productCouponId: string;
  stockBundleId?: string;
  state?: StockState;
  /** Keyset pagination on (stock_bundle created order, index): return stocks after this stock id. */
  afterStockId?: string;
  limit: number;
  day: string;
}

export type { BudgetDimension } from '../domain/catalog/budget.js';

/** A budget change inside the store's transaction: applied, or refused by the budget rule (D-11). */
export type BudgetChange = { ok: true } | ({ ok: false } & BudgetRefusal);

/** A budget change of the stocks `id` names (a bundle's or one stock), checked against `expected`. */
type BudgetUpdate = (
  request: RequestRecord,
  id: string,
  dimension: BudgetDimension,
  expected: number,
  target: number,
  day: string,
  at: string,
) => Promise<Guarded<BudgetChange>>;

export interface CatalogStore {
  getRequestRecord(key: RequestKey): Promise<RequestRecord | null>;

  createProductCoupon(
    request: RequestRecord,
    coupon: ProductCouponRecord,
    bundle: StockBundleRecord,
    stocks: StockRecord[],
  ): Promise<Guarded<void>>;
  getProductCoupon(productCouponId: string): Promise<ProductCouponRecord | null>;
  /**
   * Replaces `data` only, while the product coupon is still `EFFECTIVE` (D-108): state changes go through deactivate
   * and `finishAudit`, so a racing modify cannot undo them.
   */
  updateProductCoupon(
    request: RequestRecord,
    coupon: ProductCouponRecord,
  ): Promise<Guarded<StateChecked<ProductCouponState>>>;
  /**
   * Marks the product coupon and every stock of it not yet deactivated DEACTIVATED, if the product coupon is still
   * `EFFECTIVE` (D-108): of concurrent deactivations exactly one applies.
   */
  deactivateProductCoupon(
    request: RequestRecord,
    productCouponId: string,
    deactivation: Deactivation,
  ): Promise<Guarded<StateChecked<ProductCouponState>>>;
  /**
   * 失效商品券批次: the one stock DEACTIVATED, only while it is `SENDING` or `PAUSED`, so of concurrent deactivations
   * exactly one succeeds (D-104). A refused one records nothing, so its request number stays free.
   */
  deactivateStock(
    request: RequestRecord,
    stockId: string,
    deactivation: Deactivation,
  ): Promise<Guarded<StateChecked<StockState>>>;
  /** Sandbox review (D-21): AUDITING product coupon → EFFECTIVE and its AUDITING stocks → SENDING. */
  finishAudit(productCouponId: string, at: string): Promise<void>;

  addStockBundle(request: RequestRecord, bundle: StockBundleRecord, stocks: StockRecord[]): Promise<Guarded<void>>;
  /**
   * 添加商品券批次: one stock into an existing group (a single-mode product coupon's, D-70). A stock id or index
   * taken concurrently fails the whole write, so the caller counts again and retries.
   */
  addStock(request: RequestRecord, stock: StockRecord): Promise<Guarded<void>>;
  getStockBundle(stockBundleId: string): Promise<StockBundleRecord | null>;
  /** The bundle's stocks in index order, with `todayCount` for `day`. */
  getBundleStocks(stockBundleId: string, day: string): Promise<StockRecord[]>;
  /**
   * The bundle's stocks as issuance (pre-send, send, claim) checks them. A store may serve them from a cache whose
   * counters lag behind until a counter reaches its cap (D-52); the issuance transaction enforces the caps anyway.
   */
  getIssuanceStocks(stockBundleId: string, day: string): Promise<StockRecord[]>;
  /**
   * Replaces the stored `data` of each given stock (display / notify settings of a bundle), if none of them has been
   * deactivated meanwhile (D-108).
   */
  updateStocksData(
    request: RequestRecord,
    stocks: { stockId: string; data: StockData }[],
    at: string,
  ): Promise<Guarded<StateChecked<StockState>>>;
  /**
   * Changes one budget dimension of every stock of a bundle that carries it, only if its current value still is
   * `expected` and the target is not below what was issued; atomic, so concurrent identical calls change it once.
   * A refused change records nothing (the request number stays free); a bundle without a daily cap answers
   * `stale` with `actual: null` for `max_count_per_day`.
   */
  updateBundleBudget: BudgetUpdate;
  /** `updateBundleBudget` for one stock (a single-mode stock, D-74): `id` names the stock. */
  updateStockBudget: BudgetUpdate;

  getStock(stockId: string, day: string): Promise<StockRecord | null>;
  listStocks(query: StockQuery): Promise<{ stocks: StockRecord[]; total: number }>;
}

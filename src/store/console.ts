import type { ProductCouponRecord, ProductCouponState } from './catalog.js';
import type { UserCouponBundleRecord, UserCouponRecord } from './issuance.js';
import type { DeliveryState } from './lifecycle.js';

/** Read-only aggregates behind the operator's console (D-60): counts, summaries and issuance series. */

interface ConsoleOverview {
  merchants: number;
  brands: number;
  productCoupons: Record<ProductCouponState, number>;
  /** Coupons issued (every round), in total and on the Shanghai day asked for. */
  issued: number;
  issuedToday: number;
  deliveries: Record<DeliveryState, number>;
}

export type UsageMode = 'SINGLE' | 'PROGRESSIVE_BUNDLE';

export type ProductCouponSummaryQuery = Partial<Pick<ProductCouponRecord, 'mchid' | 'brandId' | 'state'>> & {
  mode?: UsageMode;
  offset: number;
  limit: number;
};

/** One product coupon as the console lists it: budget used against total over all its stocks. */
interface ProductCouponSummary {
  productCouponId: string;
  mchid: string;
  brandId: string;
  name: string;
  mode: UsageMode;
  state: ProductCouponState;
  bundles: number;
  stocks: number;
  issued: number;
  budget: number;
  createdAt: string;
}

interface UserHoldings {
  bundles: UserCouponBundleRecord[];
  coupons: UserCouponRecord[];
}

export interface ConsoleStore {
  consoleOverview(day: string): Promise<ConsoleOverview>;
  listProductCouponSummaries(
    query: ProductCouponSummaryQuery,
  ): Promise<{ items: ProductCouponSummary[]; total: number }>;
  /**
   * Coupons of the product coupon created per Shanghai hour (`YYYY-MM-DDTHH`, the first 13 characters of a stored
   * time), hours in `[from, to]` with at least one; from the counters table `issuance_hours`.
   */
  countIssuedPerHour(productCouponId: string, from: string, to: string): Promise<{ hour: string; count: number }[]>;
  /** Coupons of the product coupon issued per Shanghai day from the stocks' day counters, days in `[from, to]`. */
  countIssuedPerDay(productCouponId: string, from: string, to: string): Promise<{ day: string; count: number }[]>;
  /** The newest `limit` bundles of the openid (any brand) and every coupon of them. */
  listUserHoldings(openid: string, limit: number): Promise<UserHoldings>;
}

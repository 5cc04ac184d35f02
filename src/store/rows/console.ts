import type { ProductCouponState } from '../catalog.js';
import type { ConsoleOverview, ProductCouponSummary, ProductCouponSummaryQuery, UsageMode } from '../console.js';
import type { DeliveryState } from '../lifecycle.js';
import type { Dialect, Filters } from './statements.js';

/** Row shapes and SQL text of the console's aggregates that both adapters share (D-60). */

export interface SummaryRow {
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  state: ProductCouponState;
  name: string | null;
  mode: UsageMode;
  created_at: string;
  bundles: number | string;
  stocks: number | string;
  issued: number | string | null;
  budget: number | string | null;
}

/** PostgreSQL returns COUNT and SUM as text (bigint / numeric). */
export const toSummary = (r: SummaryRow): ProductCouponSummary => ({
  productCouponId: r.product_coupon_id,
  mchid: r.mchid,
  brandId: r.brand_id,
  name: r.name ?? '',
  mode: r.mode,
  state: r.state,
  bundles: Number(r.bundles),
  stocks: Number(r.stocks),
  issued: Number(r.issued ?? 0),
  budget: Number(r.budget ?? 0),
  createdAt: r.created_at,
});

const jsonField = (dialect: Dialect, path: string[]) =>
  dialect === 'sqlite' ? `json_extract(p.data, '$.${path.join('.')}')` : `p.data #>> '{${path.join(',')}}'`;

/** Filters on alias `p` of `product_coupons`. */
export const summaryFilters = (q: ProductCouponSummaryQuery, dialect: Dialect): Filters => [
  ['p.mchid', q.mchid],
  ['p.brand_id', q.brandId],
  [jsonField(dialect, ['usage_mode']), q.mode],
  ['p.state', q.state],
];

/**
 * One page of product coupons (newest first) with their bundle and stock counts and budget; `where` filters
 * `product_coupons p`, `limit` and `offset` are the two parameters after it.
 */
export function summaryStatement(dialect: Dialect, where: string, limit: string, offset: string): string {
  return `WITH page AS (
  SELECT p.product_coupon_id, p.mchid, p.brand_id, p.state, p.created_at,
    ${jsonField(dialect, ['display_info', 'name'])} AS name, ${jsonField(dialect, ['usage_mode'])} AS mode
  FROM product_coupons p ${where}
  ORDER BY p.created_at DESC, p.product_coupon_id DESC LIMIT ${limit} OFFSET ${offset})
SELECT page.*,
  (SELECT COUNT(*) FROM stock_bundles b WHERE b.product_coupon_id = page.product_coupon_id AND b.kind = 'BUNDLE') AS bundles,
  COUNT(s.stock_id) AS stocks, SUM(s.total_count) AS issued, SUM(s.max_count) AS budget
FROM page LEFT JOIN stocks s ON s.product_coupon_id = page.product_coupon_id
GROUP BY page.product_coupon_id, page.mchid, page.brand_id, page.state, page.created_at, page.name, page.mode
ORDER BY page.created_at DESC, page.product_coupon_id DESC`;
}

/** Single-row totals of the overview; the one parameter is the Shanghai day. */
export const overviewTotals = (dayParameter: string) => `SELECT
  (SELECT COUNT(*) FROM merchants) AS merchants,
  (SELECT COUNT(*) FROM brands) AS brands,
  (SELECT COALESCE(SUM(total_count), 0) FROM stocks) AS issued,
  (SELECT COALESCE(SUM(count), 0) FROM stock_day_counts WHERE day = ${dayParameter}) AS issued_today`;

export const COUPONS_BY_STATE = 'SELECT state, COUNT(*) AS n FROM product_coupons GROUP BY state';
export const DELIVERIES_BY_STATE = 'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state';

export interface OverviewRows {
  totals: {
    merchants: number | string;
    brands: number | string;
    issued: number | string;
    issued_today: number | string;
  };
  coupons: { state: ProductCouponState; n: number | string }[];
  deliveries: { state: DeliveryState; n: number | string }[];
}

const countsBy = <K extends string>(keys: readonly K[], rows: { state: K; n: number | string }[]) =>
  Object.fromEntries(keys.map((k) => [k, Number(rows.find((r) => r.state === k)?.n ?? 0)])) as Record<K, number>;

export const toOverview = ({ totals, coupons, deliveries }: OverviewRows): ConsoleOverview => ({
  merchants: Number(totals.merchants),
  brands: Number(totals.brands),
  productCoupons: countsBy(['AUDITING', 'EFFECTIVE', 'DEACTIVATED'] as const, coupons),
  issued: Number(totals.issued),
  issuedToday: Number(totals.issued_today),
  deliveries: countsBy(['PENDING', 'DELIVERED', 'FAILED'] as const, deliveries),
});

/** Per-day issuance of a product coupon from its stocks' day counters; three parameters: id, from, to. */
export const perDayStatement = (p: [string, string, string]) => `SELECT d.day, SUM(d.count) AS count
FROM stock_day_counts d JOIN stocks s ON s.stock_id = d.stock_id
WHERE s.product_coupon_id = ${p[0]} AND d.day BETWEEN ${p[1]} AND ${p[2]} AND d.count > 0
GROUP BY d.day ORDER BY d.day`;

/** Per-hour issuance of a product coupon from `issuance_hours` (its slots summed); parameters: id, from, to. */
export const perHourStatement = (p: [string, string, string]) => `SELECT hour, SUM(count) AS count
FROM issuance_hours WHERE product_coupon_id = ${p[0]} AND hour BETWEEN ${p[1]} AND ${p[2]}
GROUP BY hour ORDER BY hour`;

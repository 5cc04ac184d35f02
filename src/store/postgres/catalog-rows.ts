import { catalogRowMappers } from '../rows/catalog.js';
import { alreadyParsed } from '../rows/json.js';

export const { toProductCoupon, toStock } = catalogRowMappers<unknown>({ json: alreadyParsed });

/** Stocks with the issued count of one Shanghai day (`$1`); callers append WHERE / ORDER BY on alias `s`. */
export const STOCKS_FOR_DAY = `
SELECT s.stock_id, s.stock_bundle_id, s.product_coupon_id, s.mchid, s.brand_id, s.idx, s.state, s.data,
       s.max_count, s.max_count_per_user, s.max_count_per_day, s.total_count, COALESCE(d.count, 0) AS today_count,
       s.deactivation, s.created_at, s.updated_at
FROM stocks s LEFT JOIN stock_day_counts d ON d.stock_id = s.stock_id AND d.day = $1`;

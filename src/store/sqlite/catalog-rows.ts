import type { ProductCouponRecord, StockData } from '../catalog.js';
import { catalogRowMappers, type ProductCouponRow, type StockRow } from '../rows/catalog.js';
import { parseJsonText } from '../rows/json.js';

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
  return catalogRowMappers<string>({
    json: parseJsonText,
    couponData: (r: ProductCouponRow<string>) => couponData.get(r.product_coupon_id, r.data),
    stockData: (r: StockRow<string>) => stockData.get(r.stock_id, r.data),
  });
}

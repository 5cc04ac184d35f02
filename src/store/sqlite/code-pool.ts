import type { SqliteDb } from './database.js';

/**
 * Hands out the stock's oldest untaken pre-uploaded code (D-86), inside the caller's transaction, or null when the
 * pool is empty. SQLite has one writer, so no other transaction can take the same code meanwhile. A code that
 * became a user coupon's code some other way is used up without being handed out. Every issuance from a pool (bundle
 * issuance, later rounds, single coupons) takes its code here.
 */
export function sqliteCodePool(db: SqliteDb): (stockId: string) => string | null {
  const take = db.prepare<[string], { coupon_code: string }>(
    `UPDATE coupon_codes SET taken = 1
     WHERE rowid = (SELECT rowid FROM coupon_codes WHERE stock_id = ? AND taken = 0 ORDER BY rowid LIMIT 1)
     RETURNING coupon_code`,
  );
  const uncount = db.prepare('UPDATE coupon_code_counts SET available_count = available_count - 1 WHERE stock_id = ?');
  const issued = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM user_coupons WHERE coupon_code = ?');
  return (stockId) => {
    for (;;) {
      const row = take.get(stockId);
      if (!row) return null;
      uncount.run(stockId);
      if (!issued.get(row.coupon_code)) return row.coupon_code;
    }
  };
}

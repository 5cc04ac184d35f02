import type { Migration } from '../../migration.js';

/**
 * Pre-uploaded coupon codes (D-85, D-86): one row per code, unique across the database, handed out oldest first
 * (`rowid` order); per stock the number uploaded and the number still available.
 */
export const couponCodes: Migration = {
  version: 75,
  name: 'coupon-codes',
  sql: `
CREATE TABLE coupon_codes (
  coupon_code TEXT PRIMARY KEY,
  stock_id TEXT NOT NULL REFERENCES stocks(stock_id),
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken IN (0, 1))
);
CREATE INDEX coupon_codes_pool ON coupon_codes (stock_id) WHERE taken = 0;
CREATE TABLE coupon_code_counts (
  stock_id TEXT PRIMARY KEY REFERENCES stocks(stock_id),
  total_count INTEGER NOT NULL CHECK (total_count >= 0),
  available_count INTEGER NOT NULL CHECK (available_count >= 0 AND available_count <= total_count)
);
`,
};

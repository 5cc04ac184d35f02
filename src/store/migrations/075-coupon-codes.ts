import type { SchemaChange } from '../migration.js';

/**
 * Pre-uploaded coupon codes (D-85, D-86): one row per code, unique across the database because a code names a user
 * coupon on its own, handed out oldest first (`seq`, SQLite's `rowid`); per stock the number uploaded and the
 * number still available. On PostgreSQL `coupond_take_code` hands them out.
 */
export const couponCodes: SchemaChange = {
  version: 75,
  name: 'coupon-codes',
  sql: (d) => `
CREATE TABLE coupon_codes (
  coupon_code TEXT PRIMARY KEY,
  stock_id TEXT NOT NULL REFERENCES stocks(stock_id),${d.pick('', '\n  seq BIGINT GENERATED ALWAYS AS IDENTITY,')}
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken IN (0, 1))
);
CREATE INDEX coupon_codes_pool ON coupon_codes (stock_id${d.pick('', ', seq')}) WHERE taken = 0;
CREATE TABLE coupon_code_counts (
  stock_id TEXT PRIMARY KEY REFERENCES stocks(stock_id),
  total_count INTEGER NOT NULL CHECK (total_count >= 0),
  available_count INTEGER NOT NULL CHECK (available_count >= 0 AND available_count <= total_count)
);
`,
};

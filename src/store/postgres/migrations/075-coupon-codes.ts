import type { Migration } from '../../migration.js';

/**
 * Pre-uploaded coupon codes (D-85, D-86): one row per code, unique across the database because a code names a user
 * coupon on its own, and per stock the number uploaded and the number still available. `coupond_take_code(stock)`
 * is the one way to hand a code out: it locks the oldest untaken code of the stock with `SKIP LOCKED`, so
 * concurrent takers on any instance never wait for each other nor get the same code. A code that meanwhile became
 * a user coupon's code some other way is used up without being handed out.
 */
export const couponCodes: Migration = {
  version: 75,
  name: 'coupon-codes',
  sql: `
CREATE TABLE coupon_codes (
  coupon_code TEXT PRIMARY KEY,
  stock_id TEXT NOT NULL REFERENCES stocks(stock_id),
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken IN (0, 1))
);
CREATE INDEX coupon_codes_pool ON coupon_codes (stock_id, seq) WHERE taken = 0;
CREATE TABLE coupon_code_counts (
  stock_id TEXT PRIMARY KEY REFERENCES stocks(stock_id),
  total_count INTEGER NOT NULL CHECK (total_count >= 0),
  available_count INTEGER NOT NULL CHECK (available_count >= 0 AND available_count <= total_count)
);

CREATE FUNCTION coupond_take_code(stock text) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  code text;
BEGIN
  LOOP
    UPDATE coupon_codes SET taken = 1
    WHERE coupon_code = (SELECT p.coupon_code FROM coupon_codes p WHERE p.stock_id = stock AND p.taken = 0
                         ORDER BY p.seq LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING coupon_code INTO code;
    IF code IS NULL THEN RETURN NULL; END IF;
    UPDATE coupon_code_counts SET available_count = available_count - 1 WHERE stock_id = stock;
    IF NOT EXISTS (SELECT 1 FROM user_coupons u WHERE u.coupon_code = code) THEN RETURN code; END IF;
  END LOOP;
END
$fn$;

CREATE TRIGGER coupon_code_counts_cache AFTER UPDATE ON coupon_code_counts FOR EACH ROW
  WHEN (NEW.available_count = 0 OR NEW.total_count <> OLD.total_count)
  EXECUTE FUNCTION coupond_cache_notify();
CREATE TRIGGER coupon_code_counts_cache_rows AFTER INSERT OR DELETE OR TRUNCATE ON coupon_code_counts
  FOR EACH STATEMENT EXECUTE FUNCTION coupond_cache_notify();
`,
};

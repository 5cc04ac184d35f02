import type { PostgresFunction } from '../../migration.js';

/**
 * `coupond_take_code(stock)` is the one way to hand a pre-uploaded code out (D-86): it locks the oldest untaken code
 * of the stock with `SKIP LOCKED`, so concurrent takers on any instance never wait for each other nor get the same
 * code. A code that meanwhile became a user coupon's code some other way is used up without being handed out.
 */
export const takeCodeFunction: PostgresFunction = {
  signature: 'coupond_take_code(text)',
  sql: `
CREATE OR REPLACE FUNCTION coupond_take_code(stock text) RETURNS text LANGUAGE plpgsql AS $fn$
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
`,
};

import type { PostgresFunction } from '../../migration.js';

/**
 * Counts each new coupon in `issuance_hours` (D-61), in one of 16 slots of its hour chosen by the coupon code, so
 * concurrent issuances of one campaign do not queue on a single counter row. `coupond_issue` counts its batch's
 * coupons itself, once per slot under the stock lock (D-127), and sets `coupond.hours_by_batch` meanwhile.
 */
export const countIssuanceHourFunction: PostgresFunction = {
  signature: 'count_issuance_hour()',
  sql: `
CREATE OR REPLACE FUNCTION count_issuance_hour() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('coupond.hours_by_batch', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO issuance_hours (product_coupon_id, hour, slot, count)
    VALUES (NEW.product_coupon_id, left(NEW.created_at, 13), hashtext(NEW.coupon_code) & 15, 1)
    ON CONFLICT (product_coupon_id, hour, slot) DO UPDATE SET count = issuance_hours.count + 1;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER user_coupons_count_hour AFTER INSERT ON user_coupons
  FOR EACH ROW EXECUTE FUNCTION count_issuance_hour();
`,
};

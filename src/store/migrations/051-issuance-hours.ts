import type { SchemaChange } from '../migration.js';

const SQLITE_TRIGGER = `CREATE TRIGGER user_coupons_count_hour AFTER INSERT ON user_coupons BEGIN
  INSERT INTO issuance_hours (product_coupon_id, hour, slot, count)
    VALUES (NEW.product_coupon_id, substr(NEW.created_at, 1, 13), 0, 1)
    ON CONFLICT (product_coupon_id, hour, slot) DO UPDATE SET count = count + 1;
END;`;

/**
 * Coupons issued per product coupon and Shanghai hour, kept by a trigger on every new coupon, so the console's
 * hourly series reads at most 48 × 16 rows whatever the volume (D-61). PostgreSQL splits each hour into 16 slots
 * chosen by the coupon code (its trigger is `count_issuance_hour`), so concurrent issuances of one campaign do not
 * queue on a single counter row; SQLite writes one at a time and uses slot 0. The range index it replaces is dropped.
 */
export const issuanceHours: SchemaChange = {
  version: 51,
  name: 'issuance-hours',
  sql: (d) => `
CREATE TABLE issuance_hours (
  product_coupon_id TEXT NOT NULL, hour TEXT NOT NULL, slot ${d.pick('INTEGER', 'SMALLINT')} NOT NULL,
  count ${d.bigint} NOT NULL CHECK (count >= 0),
  PRIMARY KEY (product_coupon_id, hour, slot)
);
INSERT INTO issuance_hours (product_coupon_id, hour, slot, count)
  SELECT product_coupon_id, substr(created_at, 1, 13), 0, COUNT(*) FROM user_coupons GROUP BY 1, 2;
${d.pick(SQLITE_TRIGGER, '')}
DROP INDEX user_coupons_issued;
`,
};

import type { SchemaChange } from '../migration.js';

/** Indexes of the console's aggregates (D-60): issuance per hour of a product coupon, a user's bundles. */
export const consoleIndexes: SchemaChange = {
  version: 50,
  name: 'console',
  sql: () => `
CREATE INDEX user_coupons_issued ON user_coupons (product_coupon_id, created_at);
CREATE INDEX user_coupon_bundles_openid ON user_coupon_bundles (openid, created_at);
`,
};

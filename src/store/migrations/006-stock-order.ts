import type { SchemaChange } from '../migration.js';

/**
 * SQLite numbered stocks `bundle seq × 100 + index`; they now carry their bundle's `seq` and list in (seq, idx)
 * order, as on PostgreSQL, so a bundle of any size keeps its place.
 */
export const stockOrder: SchemaChange = {
  version: { sqlite: 6 },
  name: 'stock order',
  sql: () => `
UPDATE stocks SET seq = (SELECT b.seq FROM stock_bundles b WHERE b.stock_bundle_id = stocks.stock_bundle_id);
DROP INDEX stocks_coupon;
CREATE INDEX stocks_coupon ON stocks (product_coupon_id, seq, idx);
`,
};

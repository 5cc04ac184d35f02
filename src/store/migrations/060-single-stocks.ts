import type { SchemaChange } from '../migration.js';

/**
 * Single-mode stocks (D-70): a SINGLE product coupon keeps its stocks under one stock group of kind `SINGLE`, whose
 * id is the product coupon's id; bundles are groups of kind `BUNDLE`.
 */
export const singleStocks: SchemaChange = {
  version: 60,
  name: 'single stocks',
  sql: () => `
ALTER TABLE stock_bundles ADD COLUMN kind TEXT NOT NULL DEFAULT 'BUNDLE' CHECK (kind IN ('BUNDLE','SINGLE'));
`,
};

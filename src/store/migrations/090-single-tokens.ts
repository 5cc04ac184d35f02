import type { SchemaChange } from '../migration.js';

/**
 * Single-coupon tokens (D-100, D-101): a token minted by 向用户预发放商品券 names the stock it issues from and, for an
 * `API_ASSIGN` stock, the code the caller chose. Bundle tokens leave both empty.
 */
export const singleTokens: SchemaChange = {
  version: 90,
  name: 'single tokens',
  sql: () => `
ALTER TABLE tokens ADD COLUMN stock_id TEXT;
ALTER TABLE tokens ADD COLUMN coupon_code TEXT;
`,
};

import type { SchemaChange } from '../migration.js';

/** A stock group's `seq` is numbered by PostgreSQL and by the SQLite adapter (it has no identity columns). */
export const catalog: SchemaChange = {
  version: 2,
  name: 'catalog',
  sql: (d) => `
CREATE TABLE request_records (
  mchid TEXT NOT NULL, brand_id TEXT NOT NULL, api TEXT NOT NULL, request_no TEXT NOT NULL,
  fingerprint TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (mchid, brand_id, api, request_no)
);
CREATE TABLE product_coupons (
  product_coupon_id TEXT PRIMARY KEY, mchid TEXT NOT NULL, brand_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('AUDITING','EFFECTIVE','DEACTIVATED')),
  data ${d.json} NOT NULL, deactivation ${d.json}, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX product_coupons_brand ON product_coupons (brand_id, mchid);
CREATE TABLE stock_bundles (
  stock_bundle_id TEXT PRIMARY KEY, product_coupon_id TEXT NOT NULL REFERENCES product_coupons(product_coupon_id),
  mchid TEXT NOT NULL, brand_id TEXT NOT NULL, seq ${d.pick('INTEGER NOT NULL', 'BIGINT GENERATED ALWAYS AS IDENTITY')},
  created_at TEXT NOT NULL
);
CREATE INDEX stock_bundles_coupon ON stock_bundles (product_coupon_id, seq);
CREATE TABLE stocks (
  stock_id TEXT PRIMARY KEY, stock_bundle_id TEXT NOT NULL REFERENCES stock_bundles(stock_bundle_id),
  product_coupon_id TEXT NOT NULL, mchid TEXT NOT NULL, brand_id TEXT NOT NULL, idx INTEGER NOT NULL,
  seq ${d.bigint} NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('AUDITING','SENDING','PAUSED','STOPPED','DEACTIVATED')),
  data ${d.json} NOT NULL,
  max_count INTEGER NOT NULL CHECK (max_count BETWEEN 1 AND 100000000),
  max_count_per_user INTEGER NOT NULL CHECK (max_count_per_user BETWEEN 1 AND 100),
  max_count_per_day INTEGER CHECK (max_count_per_day IS NULL OR max_count_per_day BETWEEN 1 AND 100000000),
  total_count INTEGER NOT NULL DEFAULT 0 CHECK (total_count >= 0 AND total_count <= max_count),
  deactivation ${d.json}, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (stock_bundle_id, idx)
);
CREATE INDEX stocks_coupon ON stocks (product_coupon_id, seq, idx);
CREATE TABLE stock_day_counts (
  stock_id TEXT NOT NULL REFERENCES stocks(stock_id), day TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0), cap INTEGER NOT NULL, CHECK (count <= cap),
  PRIMARY KEY (stock_id, day)
);
`,
};

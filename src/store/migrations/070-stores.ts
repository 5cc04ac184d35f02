import type { SchemaChange } from '../migration.js';

/**
 * Stores (门店) a brand has registered through the admin API, and the stores associated with each stock (D-80, D-81).
 * A store id belongs to one brand; an association names a stock and a store once. Stores list in byte order of
 * their ids, as SQLite compares text (`COLLATE "C"` on PostgreSQL).
 */
export const stores: SchemaChange = {
  version: 70,
  name: 'stores',
  sql: (d) => `
CREATE TABLE brand_stores (
  store_id TEXT PRIMARY KEY, brand_id TEXT NOT NULL REFERENCES brands(brand_id), created_at TEXT NOT NULL
);
CREATE INDEX brand_stores_brand ON brand_stores (brand_id, store_id);
CREATE TABLE stock_stores (
  stock_id TEXT NOT NULL REFERENCES stocks(stock_id),
  store_id TEXT${d.pick('', ' COLLATE "C"')} NOT NULL REFERENCES brand_stores(store_id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (stock_id, store_id)
);
`,
};

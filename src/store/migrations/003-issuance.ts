import type { SchemaChange } from '../migration.js';

export const issuance: SchemaChange = {
  version: 3,
  name: 'issuance',
  sql: (d) => `
CREATE TABLE user_counts (
  stock_id TEXT NOT NULL REFERENCES stocks(stock_id), user_key TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0), cap INTEGER NOT NULL, CHECK (count <= cap),
  PRIMARY KEY (stock_id, user_key)
);
CREATE TABLE issuances (
  mchid TEXT NOT NULL, brand_id TEXT NOT NULL, send_request_no TEXT NOT NULL,
  channel TEXT NOT NULL, openid TEXT NOT NULL, appid TEXT NOT NULL, user_key TEXT NOT NULL,
  product_coupon_id TEXT NOT NULL, stock_bundle_id TEXT NOT NULL, attach TEXT, fingerprint TEXT NOT NULL,
  user_coupon_bundle_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
  PRIMARY KEY (mchid, brand_id, send_request_no)
);
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY, mchid TEXT NOT NULL, brand_id TEXT NOT NULL, product_coupon_id TEXT NOT NULL,
  stock_bundle_id TEXT NOT NULL, appid TEXT NOT NULL, openid TEXT NOT NULL, user_key TEXT NOT NULL,
  send_request_no TEXT NOT NULL, attach TEXT, fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, claimed_at TEXT
);
CREATE INDEX tokens_expiry ON tokens (expires_at);
CREATE TABLE user_coupon_bundles (
  user_coupon_bundle_id TEXT PRIMARY KEY, mchid TEXT NOT NULL, brand_id TEXT NOT NULL,
  product_coupon_id TEXT NOT NULL, stock_bundle_id TEXT NOT NULL, openid TEXT NOT NULL, appid TEXT NOT NULL,
  user_key TEXT NOT NULL, send_request_no TEXT NOT NULL, channel TEXT NOT NULL, attach TEXT,
  total_count INTEGER NOT NULL, used_count INTEGER NOT NULL DEFAULT 0 CHECK (used_count BETWEEN 0 AND total_count),
  state TEXT NOT NULL CHECK (state IN ('ACTIVE','DEACTIVATED')), created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE user_coupons (
  coupon_code TEXT PRIMARY KEY,
  user_coupon_bundle_id TEXT NOT NULL REFERENCES user_coupon_bundles(user_coupon_bundle_id),
  idx INTEGER NOT NULL, stock_id TEXT NOT NULL, product_coupon_id TEXT NOT NULL, stock_bundle_id TEXT NOT NULL,
  mchid TEXT NOT NULL, brand_id TEXT NOT NULL, openid TEXT NOT NULL, appid TEXT NOT NULL, user_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('CONFIRMING','PENDING','EFFECTIVE','USED','EXPIRED','DELETED','DEACTIVATED')),
  valid_begin_time TEXT NOT NULL, valid_end_time TEXT NOT NULL, receive_time TEXT NOT NULL,
  send_request_no TEXT NOT NULL, channel TEXT NOT NULL, attach TEXT, coupon_tag_info ${d.json}, detail ${d.json} NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (user_coupon_bundle_id, idx)
);
CREATE INDEX user_coupons_user ON user_coupons (brand_id, openid, created_at);
CREATE INDEX user_coupons_expiry ON user_coupons (state, valid_end_time);
CREATE TABLE outbox (
  event_id TEXT PRIMARY KEY, mchid TEXT NOT NULL, event_type TEXT NOT NULL, summary TEXT NOT NULL,
  resource ${d.json} NOT NULL, create_time TEXT NOT NULL, next_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING','DELIVERED','FAILED')),
  locked_until TEXT, last_status INTEGER, last_error TEXT, delivered_at TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
`,
};

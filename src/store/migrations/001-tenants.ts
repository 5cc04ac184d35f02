import type { SchemaChange } from '../migration.js';

export const tenants: SchemaChange = {
  version: 1,
  name: 'tenants',
  sql: () => `
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE platform_keys (
  key_id TEXT PRIMARY KEY, private_key_pem TEXT NOT NULL, public_key_pem TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE merchants (
  mchid TEXT PRIMARY KEY, name TEXT NOT NULL, apiv3_key TEXT NOT NULL,
  notify_url TEXT, notify_updated_at TEXT, created_at TEXT NOT NULL
);
CREATE TABLE merchant_keys (
  mchid TEXT NOT NULL REFERENCES merchants(mchid), serial_no TEXT NOT NULL, public_key_pem TEXT NOT NULL,
  created_at TEXT NOT NULL, PRIMARY KEY (mchid, serial_no)
);
CREATE TABLE brands (brand_id TEXT PRIMARY KEY, name TEXT NOT NULL, secret TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE brand_authorizations (
  brand_id TEXT NOT NULL REFERENCES brands(brand_id), mchid TEXT NOT NULL REFERENCES merchants(mchid),
  created_at TEXT NOT NULL, PRIMARY KEY (brand_id, mchid)
);
CREATE TABLE appids (
  appid TEXT PRIMARY KEY, owner_type TEXT NOT NULL CHECK (owner_type IN ('MERCHANT','BRAND')), owner_id TEXT NOT NULL
);
CREATE TABLE unionids (brand_id TEXT NOT NULL, openid TEXT NOT NULL, unionid TEXT NOT NULL, PRIMARY KEY (brand_id, openid));
`,
};

import type { Migration } from '../../migration.js';

/** Replay nonces (D-17) are shared by every instance, so they live in the database. */
export const nonces: Migration = {
  version: 4,
  name: 'nonces',
  sql: `
CREATE TABLE nonces (
  mchid TEXT NOT NULL, nonce TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (mchid, nonce)
);
CREATE INDEX nonces_expiry ON nonces (expires_at);
`,
};

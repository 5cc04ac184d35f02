import type { Migration } from '../../migration.js';

/** Replay nonces (D-17, D-43) outlive a restart: the window is kept in the database, as on PostgreSQL. */
export const nonces: Migration = {
  version: 30,
  name: 'nonces',
  sql: `
CREATE TABLE nonces (
  mchid TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (mchid, nonce)
) WITHOUT ROWID;
CREATE INDEX nonces_expiry ON nonces (expires_at);
`,
};

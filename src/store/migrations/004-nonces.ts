import type { SchemaChange } from '../migration.js';

/**
 * Replay nonces (D-17, D-43) are shared by every instance and outlive a restart, so they live in the database.
 * SQLite keeps the expiry as epoch milliseconds.
 */
export const nonces: SchemaChange = {
  version: { sqlite: 30, postgres: 4 },
  name: 'nonces',
  sql: (d) => `
CREATE TABLE nonces (
  mchid TEXT NOT NULL, nonce TEXT NOT NULL, expires_at ${d.pick('INTEGER', 'TIMESTAMPTZ')} NOT NULL,
  PRIMARY KEY (mchid, nonce)
)${d.pick(' WITHOUT ROWID', '')};
CREATE INDEX nonces_expiry ON nonces (expires_at);
`,
};

import type { SchemaChange } from '../migration.js';

/**
 * Delivery attempts of outbox events and the activation sweep's index. On PostgreSQL the outbox also gets its
 * insertion order (the webhook log lists newest first), which SQLite has as `rowid`.
 */
export const lifecycle: SchemaChange = {
  version: { sqlite: 4, postgres: 5 },
  name: 'lifecycle',
  sql: (d) => `
CREATE TABLE webhook_attempts (
  id ${d.pick('INTEGER PRIMARY KEY AUTOINCREMENT', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY')},
  event_id TEXT NOT NULL, attempt INTEGER NOT NULL CHECK (attempt >= 1), url TEXT, request_id TEXT, started_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0), status INTEGER, error TEXT, response TEXT
);
CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, id);
CREATE INDEX user_coupons_activation ON user_coupons (state, valid_begin_time);
${d.pick('', 'ALTER TABLE outbox ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;\nCREATE UNIQUE INDEX outbox_seq ON outbox (seq);')}
`,
};

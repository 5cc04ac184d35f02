import type { Migration } from '../../migration.js';

/**
 * Delivery attempts of outbox events, the outbox's insertion order (the webhook log lists newest first) and the
 * activation sweep's index.
 */
export const lifecycle: Migration = {
  version: 5,
  name: 'lifecycle',
  sql: `
CREATE TABLE webhook_attempts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id TEXT NOT NULL,
  attempt INTEGER NOT NULL CHECK (attempt >= 1), url TEXT, request_id TEXT, started_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0), status INTEGER, error TEXT, response TEXT
);
CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, id);
CREATE INDEX user_coupons_activation ON user_coupons (state, valid_begin_time);
ALTER TABLE outbox ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX outbox_seq ON outbox (seq);
`,
};

import type { Migration } from '../../migration.js';

export const lifecycle: Migration = {
  version: 4,
  name: 'lifecycle',
  sql: `
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, attempt INTEGER NOT NULL CHECK (attempt >= 1),
  url TEXT, request_id TEXT, started_at TEXT NOT NULL, duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  status INTEGER, error TEXT, response TEXT
);
CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, id);
CREATE INDEX user_coupons_activation ON user_coupons (state, valid_begin_time);
`,
};

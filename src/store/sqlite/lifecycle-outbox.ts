import type { OutboxStore } from '../lifecycle.js';
import { deliveryFilters } from '../rows/filters.js';
import { parseJsonText } from '../rows/json.js';
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  attemptValues,
  deliveryMapper,
  type OutboxRow,
  outcomeValues,
  toAttempt,
} from '../rows/outbox.js';
import { insertStatement, whereEqual } from '../rows/statements.js';
import type { SqliteDb } from './database.js';

const toDelivery = deliveryMapper(parseJsonText);

/** Outbox delivery on SQLite; times are ISO 8601 UTC strings, which compare as text. */
export function sqliteOutbox(db: SqliteDb): OutboxStore {
  const q = {
    claim: db.prepare<[string, string, string, number], OutboxRow<string>>(
      `UPDATE outbox SET locked_until = ? WHERE event_id IN (
         SELECT event_id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= ?
           AND (locked_until IS NULL OR locked_until <= ?) ORDER BY next_attempt_at LIMIT ?)
       RETURNING *`,
    ),
    insertAttempt: db.prepare(insertStatement('webhook_attempts', ATTEMPT_COLUMNS, 'sqlite')),
    record: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, last_status = ?, last_error = ?, state = ?, next_attempt_at = ?,
         delivered_at = COALESCE(?, delivered_at), locked_until = NULL
       WHERE event_id = ? AND state = 'PENDING'`,
    ),
    get: db.prepare<[string], OutboxRow<string>>('SELECT * FROM outbox WHERE event_id = ?'),
    redeliver: db.prepare<[string, string], OutboxRow<string>>(
      `UPDATE outbox SET state = 'PENDING', next_attempt_at = ?, locked_until = NULL WHERE event_id = ? RETURNING *`,
    ),
  };

  return {
    async claimDueEvents(dueBy, leaseNow, leaseUntil, limit) {
      const rows = db.transaction(() => q.claim.all(leaseUntil, dueBy, leaseNow, limit)).immediate();
      return rows.map(toDelivery).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
    },
    async recordDeliveryAttempt(a, outcome) {
      db.transaction(() => {
        q.insertAttempt.run(...attemptValues(a));
        q.record.run(...outcomeValues(a, outcome));
      }).immediate();
    },
    async listDeliveries(query) {
      const { where, values: args } = whereEqual(deliveryFilters(query), 'sqlite');
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM outbox ${where}`).get(...args) as { n: number }).n;
      const rows = db
        .prepare<(string | number)[], OutboxRow<string>>(
          `SELECT * FROM outbox ${where} ORDER BY rowid DESC LIMIT ? OFFSET ?`,
        )
        .all(...args, query.limit, query.offset);
      return { deliveries: rows.map(toDelivery), total };
    },
    async getDelivery(eventId) {
      const r = q.get.get(eventId);
      return r ? toDelivery(r) : null;
    },
    async listDeliveryAttempts(eventIds) {
      if (eventIds.length === 0) return [];
      return db
        .prepare<string[], AttemptRow>(
          `SELECT * FROM webhook_attempts WHERE event_id IN (${eventIds.map(() => '?').join(',')}) ORDER BY id`,
        )
        .all(...eventIds)
        .map(toAttempt);
    },
    async redeliver(eventId, dueAt) {
      const r = q.redeliver.get(dueAt, eventId);
      return r ? toDelivery(r) : null;
    },
  };
}

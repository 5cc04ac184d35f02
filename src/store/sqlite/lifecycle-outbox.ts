import type { OutboxStore } from '../lifecycle.js';
import { deliveryFilters } from '../rows/filters.js';
import { parseJsonText } from '../rows/json.js';
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  attemptResultValues,
  attemptValues,
  beginValues,
  deliveryMapper,
  type OutboxRow,
  outcomeValues,
  takeInTurns,
  toAttempt,
} from '../rows/outbox.js';
import { insertStatement, whereEqual } from '../rows/statements.js';
import type { SqliteDb } from './database.js';

const toDelivery = deliveryMapper(parseJsonText);

/** Outbox delivery on SQLite; times are ISO 8601 UTC strings, which compare as text. */
export function sqliteOutbox(db: SqliteDb): OutboxStore {
  const q = {
    // Merchants with PENDING events, one index probe each (outbox_lanes).
    firstLane: db
      .prepare<[], string>(`SELECT mchid FROM outbox WHERE state = 'PENDING' ORDER BY mchid LIMIT 1`)
      .pluck(),
    nextLane: db
      .prepare<[string], string>(
        `SELECT mchid FROM outbox WHERE state = 'PENDING' AND mchid > ? ORDER BY mchid LIMIT 1`,
      )
      .pluck(),
    leased: db
      .prepare<[string, string], number>(
        `SELECT count(*) FROM outbox WHERE state = 'PENDING' AND mchid = ? AND locked_until > ?`,
      )
      .pluck(),
    due: db.prepare<[string, string, string, number], OutboxRow<string> & { lane_seq: number }>(
      `SELECT *, rowid AS lane_seq FROM outbox WHERE state = 'PENDING' AND mchid = ? AND next_attempt_at <= ?
         AND (locked_until IS NULL OR locked_until <= ?) ORDER BY next_attempt_at, rowid LIMIT ?`,
    ),
    lease: db.prepare('UPDATE outbox SET locked_until = ? WHERE event_id = ?'),
    begin: db.prepare(
      `UPDATE outbox SET attempts = ?, last_status = NULL, last_error = ?, state = ?, next_attempt_at = ?
       WHERE event_id = ? AND state = 'PENDING' AND attempts = ? AND locked_until = ?`,
    ),
    insertAttempt: db.prepare(insertStatement('webhook_attempts', ATTEMPT_COLUMNS, 'sqlite')),
    attemptResult: db.prepare(
      'UPDATE webhook_attempts SET duration_ms = ?, status = ?, error = ?, response = ? WHERE event_id = ? AND attempt = ?',
    ),
    outcome: db.prepare(
      `UPDATE outbox SET last_status = ?, last_error = ?, state = ?, next_attempt_at = ?,
         delivered_at = COALESCE(?, delivered_at), locked_until = NULL
       WHERE event_id = ? AND attempts = ?`,
    ),
    get: db.prepare<[string], OutboxRow<string>>('SELECT * FROM outbox WHERE event_id = ?'),
    redeliver: db.prepare<[string, string], OutboxRow<string>>(
      `UPDATE outbox SET state = 'PENDING', next_attempt_at = ?, locked_until = NULL WHERE event_id = ? RETURNING *`,
    ),
  };

  const lanes = (): string[] => {
    const out: string[] = [];
    for (let m = q.firstLane.get(); m !== undefined; m = q.nextLane.get(m)) out.push(m);
    return out;
  };

  return {
    async claimDueEvents(dueBy, leaseNow, leaseUntil, limit, perMerchant) {
      return db
        .transaction(() => {
          const queues = lanes().map((mchid) => {
            const room = perMerchant === undefined ? limit : perMerchant - q.leased.get(mchid, leaseNow)!;
            return room > 0 ? q.due.all(mchid, dueBy, leaseNow, Math.min(room, limit)) : [];
          });
          const claimed = takeInTurns(
            queues,
            limit,
            (a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.lane_seq - b.lane_seq,
          );
          for (const row of claimed) q.lease.run(leaseUntil, row.event_id);
          return claimed.map((row) => toDelivery({ ...row, locked_until: leaseUntil }));
        })
        .immediate();
    },
    async beginDeliveryAttempt(a, ifUnanswered, lockedUntil) {
      return db
        .transaction(() => {
          if (q.begin.run(...beginValues(a, ifUnanswered, lockedUntil)).changes === 0) return false;
          q.insertAttempt.run(...attemptValues(a));
          return true;
        })
        .immediate();
    },
    async finishDeliveryAttempt(a, outcome) {
      db.transaction(() => {
        q.attemptResult.run(...attemptResultValues(a));
        q.outcome.run(...outcomeValues(a, outcome));
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

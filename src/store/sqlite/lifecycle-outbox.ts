import type { DeliveryAttempt, DeliveryRecord, DeliveryState, LifecycleStore } from '../lifecycle.js';
import type { SqliteDb } from './database.js';

type OutboxStore = Pick<
  LifecycleStore,
  'claimDueEvents' | 'recordDeliveryAttempt' | 'listDeliveries' | 'getDelivery' | 'listDeliveryAttempts' | 'redeliver'
>;

interface OutboxRow {
  event_id: string;
  mchid: string;
  event_type: string;
  summary: string;
  resource: string;
  create_time: string;
  next_attempt_at: string;
  attempts: number;
  state: DeliveryState;
  locked_until: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

interface AttemptRow {
  event_id: string;
  attempt: number;
  url: string | null;
  request_id: string | null;
  started_at: string;
  duration_ms: number;
  status: number | null;
  error: string | null;
  response: string | null;
}

const toDelivery = (r: OutboxRow): DeliveryRecord => ({
  eventId: r.event_id,
  mchid: r.mchid,
  eventType: r.event_type,
  summary: r.summary,
  resource: JSON.parse(r.resource) as Record<string, unknown>,
  createTime: r.create_time,
  nextAttemptAt: r.next_attempt_at,
  state: r.state,
  attempts: r.attempts,
  lockedUntil: r.locked_until,
  lastStatus: r.last_status,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
});

const toAttempt = (r: AttemptRow): DeliveryAttempt => ({
  eventId: r.event_id,
  attempt: r.attempt,
  url: r.url,
  requestId: r.request_id,
  startedAt: r.started_at,
  durationMs: r.duration_ms,
  status: r.status,
  error: r.error,
  response: r.response,
});

/** Outbox delivery on SQLite; times are ISO 8601 UTC strings, which compare as text. */
export function sqliteOutbox(db: SqliteDb): OutboxStore {
  const q = {
    claim: db.prepare<[string, string, string, number], OutboxRow>(
      `UPDATE outbox SET locked_until = ? WHERE event_id IN (
         SELECT event_id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= ?
           AND (locked_until IS NULL OR locked_until <= ?) ORDER BY next_attempt_at LIMIT ?)
       RETURNING *`,
    ),
    insertAttempt: db.prepare(
      `INSERT INTO webhook_attempts (event_id, attempt, url, request_id, started_at, duration_ms, status, error, response)
       VALUES (?,?,?,?,?,?,?,?,?)`,
    ),
    record: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, last_status = ?, last_error = ?, state = ?, next_attempt_at = ?,
         delivered_at = COALESCE(?, delivered_at), locked_until = NULL
       WHERE event_id = ? AND state = 'PENDING'`,
    ),
    get: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE event_id = ?'),
    redeliver: db.prepare<[string, string], OutboxRow>(
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
        q.insertAttempt.run(
          a.eventId,
          a.attempt,
          a.url,
          a.requestId,
          a.startedAt,
          a.durationMs,
          a.status,
          a.error,
          a.response,
        );
        q.record.run(a.status, a.error, outcome.state, outcome.nextAttemptAt, outcome.deliveredAt, a.eventId);
      }).immediate();
    },
    async listDeliveries(query) {
      const filters: [string, string | undefined][] = [
        ['state = ?', query.state],
        ['mchid = ?', query.mchid],
      ];
      const used = filters.filter(([, v]) => v !== undefined) as [string, string][];
      const where = used.length ? `WHERE ${used.map(([c]) => c).join(' AND ')}` : '';
      const args = used.map(([, v]) => v);
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM outbox ${where}`).get(...args) as { n: number }).n;
      const rows = db
        .prepare<(string | number)[], OutboxRow>(`SELECT * FROM outbox ${where} ORDER BY rowid DESC LIMIT ? OFFSET ?`)
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

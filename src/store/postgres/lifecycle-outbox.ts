import type { OutboxStore } from '../lifecycle.js';
import { deliveryFilters } from '../rows/filters.js';
import { alreadyParsed } from '../rows/json.js';
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
import type { Database } from './database.js';

const toDelivery = deliveryMapper(alreadyParsed);

// SKIP LOCKED: instances claiming together lease disjoint events instead of queueing on each other's rows.
const CLAIM = `
WITH due AS MATERIALIZED (
  SELECT event_id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= $2
    AND (locked_until IS NULL OR locked_until <= $3)
  ORDER BY next_attempt_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE outbox o SET locked_until = $1 FROM due WHERE o.event_id = due.event_id RETURNING o.*
)
SELECT * FROM claimed ORDER BY next_attempt_at, seq`;

const INSERT_ATTEMPT = insertStatement('webhook_attempts', ATTEMPT_COLUMNS, 'postgres');

const RECORD = `
UPDATE outbox SET attempts = attempts + 1, last_status = $1, last_error = $2, state = $3, next_attempt_at = $4,
  delivered_at = COALESCE($5, delivered_at), locked_until = NULL
WHERE event_id = $6 AND state = 'PENDING'`;

const REDELIVER = `
UPDATE outbox SET state = 'PENDING', next_attempt_at = $1, locked_until = NULL WHERE event_id = $2 RETURNING *`;

/** Outbox delivery on PostgreSQL; times are ISO 8601 UTC strings, which compare as text. */
export function postgresOutbox(db: Database): OutboxStore {
  return {
    claimDueEvents(dueBy, leaseNow, leaseUntil, limit) {
      return db.tx(async (c) => {
        const { rows } = await c.query<OutboxRow<unknown>>(CLAIM, [leaseUntil, dueBy, leaseNow, limit]);
        return rows.map(toDelivery);
      });
    },

    async recordDeliveryAttempt(a, outcome) {
      await db.tx(async (c) => {
        await c.query(INSERT_ATTEMPT, attemptValues(a));
        await c.query(RECORD, outcomeValues(a, outcome));
      });
    },

    listDeliveries(query) {
      const { where: filter, values } = whereEqual(deliveryFilters(query), 'postgres');
      return db.tx(async (c) => {
        const page = await c.query<OutboxRow<unknown>>(
          `SELECT * FROM outbox ${filter} ORDER BY seq DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
          [...values, query.limit, query.offset],
        );
        const count = await c.query<{ total: number }>(`SELECT count(*)::int AS total FROM outbox ${filter}`, values);
        return { deliveries: page.rows.map(toDelivery), total: count.rows[0]!.total };
      }, 'REPEATABLE READ');
    },

    async getDelivery(eventId) {
      const [r] = await db.query<OutboxRow<unknown>>('SELECT * FROM outbox WHERE event_id = $1', [eventId]);
      return r ? toDelivery(r) : null;
    },

    async listDeliveryAttempts(eventIds) {
      if (eventIds.length === 0) return [];
      const rows = await db.query<AttemptRow>('SELECT * FROM webhook_attempts WHERE event_id = ANY($1) ORDER BY id', [
        eventIds,
      ]);
      return rows.map(toAttempt);
    },

    redeliver(eventId, dueAt) {
      return db.tx(async (c) => {
        const { rows } = await c.query<OutboxRow<unknown>>(REDELIVER, [dueAt, eventId]);
        return rows[0] ? toDelivery(rows[0]) : null;
      });
    },
  };
}

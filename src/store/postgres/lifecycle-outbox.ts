import type { OutboxStore } from '../lifecycle.js';
import { deliveryFilters } from '../rows/filters.js';
import { alreadyParsed } from '../rows/json.js';
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  attemptResultValues,
  beginValues,
  deliveryMapper,
  type OutboxRow,
  toAttempt,
} from '../rows/outbox.js';
import { whereEqual } from '../rows/statements.js';
import type { Database } from './database.js';

const toDelivery = deliveryMapper(alreadyParsed);

// Merchants take turns (D-36). `lanes` walks the merchants with PENDING events one index probe each (a loose index
// scan of outbox_lanes); each lane offers its earliest due events, at most its free share of `perMerchant` ($5, null
// = no cap) after the leases other instances hold. SKIP LOCKED: instances claiming together lease disjoint events,
// and an event another instance leased since this statement's snapshot fails the re-checked lease condition.
const CLAIM = `
WITH RECURSIVE lanes(mchid) AS (
  (SELECT mchid FROM outbox WHERE state = 'PENDING' ORDER BY mchid LIMIT 1)
  UNION ALL
  SELECT (SELECT o.mchid FROM outbox o WHERE o.state = 'PENDING' AND o.mchid > l.mchid ORDER BY o.mchid LIMIT 1)
  FROM lanes l WHERE l.mchid IS NOT NULL
), candidates AS (
  SELECT c.* FROM lanes l CROSS JOIN LATERAL (
    SELECT o.event_id, o.next_attempt_at, o.seq, row_number() OVER (ORDER BY o.next_attempt_at, o.seq) AS turn
    FROM outbox o
    WHERE o.state = 'PENDING' AND o.mchid = l.mchid AND o.next_attempt_at <= $2
      AND (o.locked_until IS NULL OR o.locked_until <= $3)
    ORDER BY o.next_attempt_at, o.seq
    LIMIT CASE WHEN $5::int IS NULL THEN NULL ELSE greatest(0, $5::int - (
      SELECT count(*) FROM outbox b WHERE b.state = 'PENDING' AND b.mchid = l.mchid AND b.locked_until > $3)) END
  ) c
  WHERE l.mchid IS NOT NULL
  ORDER BY c.turn, c.next_attempt_at, c.seq LIMIT $4
), due AS MATERIALIZED (
  SELECT event_id FROM outbox WHERE event_id IN (SELECT event_id FROM candidates)
    AND state = 'PENDING' AND (locked_until IS NULL OR locked_until <= $3)
  FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE outbox o SET locked_until = $1 FROM due WHERE o.event_id = due.event_id RETURNING o.*
)
SELECT claimed.* FROM claimed JOIN candidates c USING (event_id) ORDER BY c.turn, c.next_attempt_at, c.seq`;

const BEGIN = `
WITH begun AS (
  UPDATE outbox SET attempts = $1, last_status = NULL, last_error = $2, state = $3, next_attempt_at = $4
  WHERE event_id = $5 AND state = 'PENDING' AND attempts = $6 AND locked_until = $7
  RETURNING event_id
)
INSERT INTO webhook_attempts (${ATTEMPT_COLUMNS})
SELECT event_id, $1, $8::text, $9::text, $10::text, $11::int, $12::int, $2, $13::text FROM begun
RETURNING event_id`;

const FINISH = `
WITH result AS (
  UPDATE webhook_attempts SET duration_ms = $1, status = $2, error = $3, response = $4
  WHERE event_id = $5 AND attempt = $6
)
UPDATE outbox SET last_status = $2, last_error = $3, state = $7, next_attempt_at = $8,
  delivered_at = COALESCE($9, delivered_at), locked_until = NULL
WHERE event_id = $5 AND attempts = $6`;

const REDELIVER = `
UPDATE outbox SET state = 'PENDING', next_attempt_at = $1, locked_until = NULL WHERE event_id = $2 RETURNING *`;

/** Outbox delivery on PostgreSQL; times are ISO 8601 UTC strings, which compare as text. */
export function postgresOutbox(db: Database): OutboxStore {
  return {
    claimDueEvents(dueBy, leaseNow, leaseUntil, limit, perMerchant) {
      return db.tx(async (c) => {
        const params = [leaseUntil, dueBy, leaseNow, limit, perMerchant ?? null];
        const { rows } = await c.query<OutboxRow<unknown>>(CLAIM, params);
        return rows.map(toDelivery);
      });
    },

    async beginDeliveryAttempt(a, ifUnanswered, lockedUntil) {
      const { url, requestId, startedAt, durationMs, status, response } = a;
      const begun = await db.query(BEGIN, [
        ...beginValues(a, ifUnanswered, lockedUntil),
        ...[url, requestId, startedAt, durationMs, status, response],
      ]);
      return begun.length === 1;
    },

    async finishDeliveryAttempt(a, outcome) {
      await db.query(FINISH, [...attemptResultValues(a), outcome.state, outcome.nextAttemptAt, outcome.deliveredAt]);
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

import type { OutboxStore } from '../lifecycle.js';
import { raw } from '../typed/statement.js';
import { all, type Engine } from '../typed/work.js';

// Merchants take turns (D-36). `lanes` walks the merchants with PENDING events one index probe each (a loose index
// scan of outbox_lanes); each lane offers its earliest due events, at most its free share of `perMerchant` ($5, null
// = no cap) after the leases other instances hold. SKIP LOCKED: instances claiming together lease disjoint events,
// and an event another instance leased since this statement's snapshot fails the re-checked lease condition.
const CLAIM = raw<[string, string, string, number, number | null], Record<string, unknown>>(`
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
SELECT claimed.* FROM claimed JOIN candidates c USING (event_id) ORDER BY c.turn, c.next_attempt_at, c.seq`);

/** Leasing due events on PostgreSQL: one statement, safe for instances claiming at the same time. */
export function postgresLeases(e: Engine): OutboxStore['claimDueEvents'] {
  const toDelivery = e.records('outbox');
  return (dueBy, leaseNow, leaseUntil, limit, perMerchant) =>
    e.write(function* () {
      const rows = yield* all(CLAIM, [leaseUntil, dueBy, leaseNow, limit, perMerchant ?? null]);
      return rows.map(toDelivery);
    });
}

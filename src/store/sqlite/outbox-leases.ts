import { sql } from 'kysely';
import type { OutboxStore } from '../lifecycle.js';
import { prepare } from '../typed/statement.js';
import { all, first, run } from '../typed/work.js';
import type { SqliteEngine } from './engine.js';

/**
 * Merchants' turns (D-36): each queue's first item, then each queue's second, and so on; within a turn in `order`.
 * At most `limit` in all.
 */
function takeInTurns<T>(queues: T[][], limit: number, order: (a: T, b: T) => number): T[] {
  return queues
    .flatMap((queue) => queue.map((item, turn) => ({ item, turn })))
    .sort((a, b) => a.turn - b.turn || order(a.item, b.item))
    .slice(0, limit)
    .map(({ item }) => item);
}

/**
 * Leasing due events on SQLite, per dialect because claiming is contended: one write transaction excludes every
 * other claimer, so the lanes are walked one index probe each (outbox_lanes) and the events leased one by one
 * without row locks; times are ISO 8601 UTC strings, which compare as text.
 */
export function sqliteLeases(e: SqliteEngine): OutboxStore['claimDueEvents'] {
  const { k } = e;
  const toDelivery = e.records('outbox');
  const pending = () => k.selectFrom('outbox').where('state', '=', 'PENDING');
  const q = {
    firstLane: prepare(() => pending().select('mchid').orderBy('mchid').limit(1)),
    nextLane: prepare((a: { after: string }) =>
      pending().select('mchid').where('mchid', '>', a.after).orderBy('mchid').limit(1),
    ),
    leased: prepare((a: { mchid: string; now: string }) =>
      pending()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('mchid', '=', a.mchid)
        .where('locked_until', '>', a.now),
    ),
    due: prepare((a: { mchid: string; dueBy: string; now: string; limit: number }) =>
      pending()
        .selectAll()
        .select(sql<number>`rowid`.as('lane_seq'))
        .where('mchid', '=', a.mchid)
        .where('next_attempt_at', '<=', a.dueBy)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', a.now)]))
        .orderBy('next_attempt_at')
        .orderBy(sql`rowid`)
        .limit(a.limit),
    ),
    lease: prepare((a: { eventId: string; until: string }) =>
      k.updateTable('outbox').set({ locked_until: a.until }).where('event_id', '=', a.eventId),
    ),
  };

  return (dueBy, now, until, limit, perMerchant) =>
    e.write(function* () {
      const lanes: string[] = [];
      for (let m = yield* first(q.firstLane, {}); m; m = yield* first(q.nextLane, { after: m.mchid }))
        lanes.push(m.mchid);
      const queues: NonNullable<typeof q.due.row>[][] = [];
      for (const mchid of lanes) {
        const room = perMerchant === undefined ? limit : perMerchant - (yield* first(q.leased, { mchid, now }))!.n;
        queues.push(room > 0 ? yield* all(q.due, { mchid, dueBy, now, limit: Math.min(room, limit) }) : []);
      }
      const claimed = takeInTurns(
        queues,
        limit,
        (a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.lane_seq - b.lane_seq,
      );
      for (const row of claimed) yield* run(q.lease, { eventId: row.event_id, until });
      return claimed.map((row) => toDelivery({ ...row, locked_until: until }));
    });
}

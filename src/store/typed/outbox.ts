import { type QueryCreator, sql } from 'kysely';
import type { DeliveryAttempt, DeliveryOutcome, DeliveryQuery, DeliveryState, OutboxStore } from '../lifecycle.js';
import { compiled, countTotal, equalTo, insertRecord, perShape, prepare } from './statement.js';
import type { Database } from './tables.js';
import { all, type Engine, first, recordBy, run } from './work.js';

/** Placeholders are flat: an attempt, the outcome it leaves if unanswered (`then…`), the lease it must hold. */
type Begin = DeliveryAttempt & { thenState: DeliveryState; thenDueAt: string; lockedUntil: string };
type Finish = DeliveryAttempt & DeliveryOutcome;

/** Insertion order of the outbox: SQLite's `rowid`, PostgreSQL's `seq`. */
const insertionOrder = (e: Engine) => sql.ref(e.dialect === 'sqlite' ? 'outbox.rowid' : 'outbox.seq');

/** Begins attempt `a` only if the event is still this lease's to send (D-37); changes the event, not the log. */
const beginUpdate = (db: QueryCreator<Database>, a: Begin) =>
  db
    .updateTable('outbox')
    .set({
      attempts: a.attempt,
      last_status: null,
      last_error: a.error,
      state: a.thenState,
      next_attempt_at: a.thenDueAt,
    })
    .where('event_id', '=', a.eventId)
    .where('state', '=', 'PENDING')
    .where('attempts', '=', sql<number>`${a.attempt} - 1`)
    .where('locked_until', '=', a.lockedUntil);

const attemptResult = (db: QueryCreator<Database>, a: Finish) =>
  db
    .updateTable('webhook_attempts')
    .set({ duration_ms: a.durationMs, status: a.status, error: a.error, response: a.response })
    .where('event_id', '=', a.eventId)
    .where('attempt', '=', a.attempt);

/** The attempt's outcome, unless the event has made another attempt since; the lease is freed. */
const outcomeUpdate = (db: QueryCreator<Database>, a: Finish) =>
  db
    .updateTable('outbox')
    .set((eb) => ({
      last_status: a.status,
      last_error: a.error,
      state: a.state,
      next_attempt_at: a.nextAttemptAt,
      delivered_at: eb.fn.coalesce(sql<string | null>`${a.deliveredAt}`, 'delivered_at'),
      locked_until: null,
    }))
    .where('event_id', '=', a.eventId)
    .where('attempts', '=', a.attempt);

/**
 * The statements of an attempt. PostgreSQL takes each step in one statement, the attempt log written by a CTE;
 * SQLite runs the same two changes in one transaction (`null`: the step is already done).
 */
function attemptStatements(e: Engine) {
  const { k } = e;
  if (e.dialect === 'sqlite')
    return {
      begin: prepare((a: Begin) => beginUpdate(k, a)),
      log: insertRecord(k, 'webhook_attempts'),
      result: prepare((a: Finish) => attemptResult(k, a)),
      outcome: prepare((a: Finish) => outcomeUpdate(k, a)),
      unit: e.write,
    };
  const text = (value: unknown) => sql`${value}::text`;
  const int = (value: unknown) => sql`${value}::int`;
  /** The log row of attempt `a`, typed for PostgreSQL's `INSERT … SELECT`. */
  const logRow = (a: Begin) => ({
    attempt: int(a.attempt),
    url: text(a.url),
    request_id: text(a.requestId),
    started_at: text(a.startedAt),
    duration_ms: int(a.durationMs),
    status: int(a.status),
    error: text(a.error),
    response: text(a.response),
  });
  return {
    begin: prepare((a: Begin) => {
      const row = logRow(a);
      return k
        .with('begun', (db) => beginUpdate(db, a).returning('event_id'))
        .insertInto('webhook_attempts')
        .columns(['event_id', ...(Object.keys(row) as (keyof typeof row)[])])
        .expression((eb) =>
          eb
            .selectFrom('begun')
            .select(['event_id', ...Object.entries(row).map(([column, value]) => value.as(column))]),
        );
    }),
    log: null,
    result: null,
    // One statement each: no transaction needed around it.
    unit: e.read,
    outcome: prepare((a: Finish) => {
      const withResult = k.with('result', (db) => attemptResult(db, a).returning('event_id'));
      return outcomeUpdate(withResult as unknown as QueryCreator<Database>, a);
    }),
  };
}

/** Callback delivery written once for both databases; claiming (the contended part) is the adapter's (D-36). */
export function typedOutbox(e: Engine): Omit<OutboxStore, 'claimDueEvents'> {
  return { ...deliveryAttempts(e), ...deliveryLog(e) };
}

function deliveryAttempts(e: Engine): Pick<OutboxStore, 'beginDeliveryAttempt' | 'finishDeliveryAttempt'> {
  const step = attemptStatements(e);
  return {
    beginDeliveryAttempt: (a, ifUnanswered, lockedUntil) =>
      step.unit(function* () {
        const begin = { ...a, thenState: ifUnanswered.state, thenDueAt: ifUnanswered.nextAttemptAt, lockedUntil };
        if ((yield* run(step.begin, begin)) === 0) return false;
        yield* run(step.log, a);
        return true;
      }),
    finishDeliveryAttempt: (a, outcome) =>
      step.unit(function* () {
        yield* run(step.result, { ...a, ...outcome });
        yield* run(step.outcome, { ...a, ...outcome });
      }),
  };
}

/** The webhook log: events newest first, their attempts, and redelivery. */
function deliveryLog(e: Engine) {
  const { k } = e;
  const toDelivery = e.records('outbox');
  const toAttempt = e.records('webhook_attempts');
  const redeliver = prepare((a: { eventId: string; dueAt: string }) =>
    k
      .updateTable('outbox')
      .set({ state: 'PENDING', next_attempt_at: a.dueAt, locked_until: null })
      .where('event_id', '=', a.eventId)
      .returningAll(),
  );
  const deliveries = perShape((a: DeliveryQuery, given) => {
    const filtered = k
      .selectFrom('outbox')
      .where((eb) => eb.and(equalTo({ state: given('state'), mchid: given('mchid') })));
    return {
      count: filtered.select(countTotal),
      page: filtered.selectAll().orderBy(insertionOrder(e), 'desc').limit(a.limit).offset(a.offset),
    };
  });
  return {
    listDeliveries: (query) =>
      e.snapshot(function* () {
        const { count, page } = deliveries(query);
        const [counted] = yield* all(count, query);
        return { deliveries: (yield* all(page, query)).map(toDelivery), total: counted!.total };
      }),
    getDelivery: recordBy(e, 'outbox', 'event_id'),
    listDeliveryAttempts: (eventIds) =>
      e.read(function* () {
        if (eventIds.length === 0) return [];
        const attempts = k.selectFrom('webhook_attempts').selectAll().where('event_id', 'in', eventIds).orderBy('id');
        return (yield* all(compiled(attempts), undefined)).map(toAttempt);
      }),
    redeliver: (eventId, dueAt) =>
      e.write(function* () {
        const row = yield* first(redeliver, { eventId, dueAt });
        return row ? toDelivery(row) : null;
      }),
  } satisfies Partial<OutboxStore>;
}

import type { DeliveryAttempt, DeliveryOutcome, DeliveryRecord, DeliveryState } from '../lifecycle.js';
import type { JsonReader } from './json.js';

/** Row shapes of the outbox and its attempt log; `J` is a JSON column as the driver returns it. */
export interface OutboxRow<J> {
  event_id: string;
  mchid: string;
  event_type: string;
  summary: string;
  resource: J;
  create_time: string;
  next_attempt_at: string;
  attempts: number;
  state: DeliveryState;
  locked_until: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export interface AttemptRow {
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

/** The delivery mapper of an adapter, reading `resource` the adapter's way. */
export const deliveryMapper =
  <J>(json: JsonReader<J>) =>
  (r: OutboxRow<J>): DeliveryRecord => ({
    eventId: r.event_id,
    mchid: r.mchid,
    eventType: r.event_type,
    summary: r.summary,
    resource: json<Record<string, unknown>>(r.resource),
    createTime: r.create_time,
    nextAttemptAt: r.next_attempt_at,
    state: r.state,
    attempts: r.attempts,
    lockedUntil: r.locked_until,
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
  });

export const toAttempt = (r: AttemptRow): DeliveryAttempt => ({
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

export const ATTEMPT_COLUMNS = 'event_id, attempt, url, request_id, started_at, duration_ms, status, error, response';

export const attemptValues = (a: DeliveryAttempt) => [
  a.eventId,
  a.attempt,
  a.url,
  a.requestId,
  a.startedAt,
  a.durationMs,
  a.status,
  a.error,
  a.response,
];

/**
 * Parameters of the update that begins an attempt: the attempt number, its error (the answer is not known yet), the
 * unanswered outcome's state and due time; then the event id, the attempts made before and the lease it must hold.
 */
export const beginValues = (a: DeliveryAttempt, ifUnanswered: DeliveryOutcome, lockedUntil: string) => [
  a.attempt,
  a.error,
  ifUnanswered.state,
  ifUnanswered.nextAttemptAt,
  a.eventId,
  a.attempt - 1,
  lockedUntil,
];

/** Parameters of the update that completes an attempt's row: duration, status, error, response, event id, attempt. */
export const attemptResultValues = (a: DeliveryAttempt) => [
  a.durationMs,
  a.status,
  a.error,
  a.response,
  a.eventId,
  a.attempt,
];

/** Parameters of the update that records an attempt's outcome: last status and error, state, times, event, attempt. */
export const outcomeValues = (a: DeliveryAttempt, outcome: DeliveryOutcome) => [
  a.status,
  a.error,
  outcome.state,
  outcome.nextAttemptAt,
  outcome.deliveredAt,
  a.eventId,
  a.attempt,
];

/**
 * Merchants' turns (D-36): each queue's first item, then each queue's second, and so on; within a turn in `order`.
 * At most `limit` in all.
 */
export function takeInTurns<T>(queues: T[][], limit: number, order: (a: T, b: T) => number): T[] {
  return queues
    .flatMap((queue) => queue.map((item, turn) => ({ item, turn })))
    .sort((a, b) => a.turn - b.turn || order(a.item, b.item))
    .slice(0, limit)
    .map(({ item }) => item);
}

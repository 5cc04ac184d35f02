import { CouponError } from '../domain/errors.js';
import type { DeliveryAttempt, DeliveryQuery, DeliveryRecord } from '../store/lifecycle.js';
import type { Store } from '../store/port.js';

/** A delivery as the admin and sandbox webhook APIs show it: the event, where it stands, and every attempt. */
export interface DeliveryView {
  event_id: string;
  event_type: string;
  mchid: string;
  state: DeliveryRecord['state'];
  attempts: number;
  url: string | null;
  last_status: number | null;
  last_error: string | null;
  last_response: string | null;
  create_time: string;
  next_attempt_at: string | null;
  delivered_at: string | null;
  /** The plaintext the callback carries encrypted. */
  resource: Record<string, unknown>;
  attempt_log: {
    attempt: number;
    url: string | null;
    request_id: string | null;
    started_at: string;
    duration_ms: number;
    status: number | null;
    error: string | null;
    response: string | null;
  }[];
}

function view(d: DeliveryRecord, attempts: DeliveryAttempt[]): DeliveryView {
  const last = attempts.at(-1);
  return {
    event_id: d.eventId,
    event_type: d.eventType,
    mchid: d.mchid,
    state: d.state,
    attempts: d.attempts,
    url: last?.url ?? null,
    last_status: d.lastStatus,
    last_error: d.lastError,
    last_response: last?.response ?? null,
    create_time: d.createTime,
    next_attempt_at: d.state === 'PENDING' ? d.nextAttemptAt : null,
    delivered_at: d.deliveredAt,
    resource: d.resource,
    attempt_log: attempts.map((a) => ({
      attempt: a.attempt,
      url: a.url,
      request_id: a.requestId,
      started_at: a.startedAt,
      duration_ms: a.durationMs,
      status: a.status,
      error: a.error,
      response: a.response,
    })),
  };
}

export async function listWebhookDeliveries(store: Store, query: DeliveryQuery) {
  const { deliveries, total } = await store.listDeliveries(query);
  const attempts = await store.listDeliveryAttempts(deliveries.map((d) => d.eventId));
  return {
    total_count: total,
    offset: query.offset,
    limit: query.limit,
    data: deliveries.map((d) =>
      view(
        d,
        attempts.filter((a) => a.eventId === d.eventId),
      ),
    ),
  };
}

/** Due at once again, keeping its attempts; a failure after the schedule is spent marks it FAILED again. */
export async function redeliverWebhook(store: Store, eventId: string, now: Date): Promise<DeliveryView> {
  const d = await store.redeliver(eventId, now.toISOString());
  if (!d) throw new CouponError('NOT_FOUND', `事件 ${eventId} 不存在`, 404);
  return view(d, await store.listDeliveryAttempts([eventId]));
}

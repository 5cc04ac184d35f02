import type { DeliveryOutcome } from '../store/lifecycle.js';

/**
 * WeChat's retry intervals for product-coupon callbacks (D-16): the wait after each failed attempt, so an event is
 * tried at most 11 times (the first delivery and 10 retries) before it is marked FAILED.
 */
export const RETRY_DELAYS_SECONDS = [10, 14, 27, 60, 150, 394, 1053, 2831, 7620, 20580] as const;

/** Success is HTTP 200 or 204 within the time limit (docs/protocol.md, Callbacks). */
export const isAcknowledged = (status: number | null) => status === 200 || status === 204;

/**
 * What follows attempt `attempt` (1-based), made at `startedAt` and answered at `finishedAt` (business clock). The
 * next attempt is due `delay` after the start of this one, so the schedule does not drift with answer times.
 */
export function outcomeAfter(
  attempt: number,
  acknowledged: boolean,
  startedAt: Date,
  finishedAt: Date,
): DeliveryOutcome {
  const at = finishedAt.toISOString();
  if (acknowledged) return { state: 'DELIVERED', nextAttemptAt: at, deliveredAt: at };
  const delay = RETRY_DELAYS_SECONDS[attempt - 1];
  if (delay === undefined) return { state: 'FAILED', nextAttemptAt: at, deliveredAt: null };
  return {
    state: 'PENDING',
    nextAttemptAt: new Date(startedAt.getTime() + delay * 1000).toISOString(),
    deliveredAt: null,
  };
}

import { MAX_BUDGET } from '../../domain/caps.js';

/**
 * The cap of a day counter of a stock without a daily cap: day counters always count (`today_count` is exact),
 * and no stock can issue more than its budget in a day.
 */
export const NO_DAILY_CAP = MAX_BUDGET;

export type Counter = 'total' | 'day' | 'user';

/** Stock #0's counters in the order an issuance takes them, so the first refusal is the one D-4 reports. */
export const ISSUE_COUNTERS: readonly Counter[] = ['user', 'total', 'day'];

/** What an issuance answers when a counter of stock #0 refuses. */
export const ISSUE_REFUSALS = {
  user: 'USER_LIMIT_REACHED',
  total: 'SOLD_OUT',
  day: 'DAILY_SOLD_OUT',
} as const satisfies Record<Counter, string>;

/** Stock #k+1's counters in the order the next round takes them (D-11); the first that refuses is reported. */
export const NEXT_ROUND_COUNTERS: readonly Counter[] = ['total', 'day', 'user'];

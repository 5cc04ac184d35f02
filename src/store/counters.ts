import { MAX_BUDGET } from '../schemas/objects/stock.js';

/**
 * The cap of a day counter of a stock without a daily cap: day counters always count (`today_count` is exact),
 * and no stock can issue more than its budget in a day.
 */
export const NO_DAILY_CAP = MAX_BUDGET;

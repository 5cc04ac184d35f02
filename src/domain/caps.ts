/** The largest budget (`max_count`, `max_count_per_day`) a stock may have. */
export const MAX_BUDGET = 100_000_000;
/** The largest per-user cap (`max_count_per_user`). */
export const MAX_PER_USER = 100;

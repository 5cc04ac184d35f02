/** Takes one unit of a stock's day counter (`$1` stock, `$2` day, `$3` cap) unless it is at its cap. */
export const COUNT_DAY = `
INSERT INTO stock_day_counts (stock_id, day, count, cap) VALUES ($1, $2, 1, $3)
ON CONFLICT (stock_id, day) DO UPDATE SET count = stock_day_counts.count + 1, cap = excluded.cap
WHERE stock_day_counts.count < excluded.cap
RETURNING count`;

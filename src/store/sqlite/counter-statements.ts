/** Takes one unit of a stock's day counter (`stock_id, day, cap`) unless it is at its cap; no change means refused. */
export const COUNT_DAY = `INSERT INTO stock_day_counts (stock_id, day, count, cap) VALUES (?, ?, 1, ?)
  ON CONFLICT (stock_id, day) DO UPDATE SET count = count + 1, cap = excluded.cap WHERE count < excluded.cap`;

/** Takes one unit of a user's counter of a stock (`stock_id, user_key, cap`) unless it is at its cap. */
export const COUNT_USER = `INSERT INTO user_counts (stock_id, user_key, count, cap) VALUES (?, ?, 1, ?)
  ON CONFLICT (stock_id, user_key) DO UPDATE SET count = count + 1, cap = excluded.cap WHERE count < excluded.cap`;

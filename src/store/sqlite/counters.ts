import { type Counter, NO_DAILY_CAP } from '../rules/counters.js';
import { prepare } from '../typed/statement.js';
import type { SqliteEngine } from './engine.js';

interface Take {
  stockId: string;
  userKey: string;
  day: string;
  maxCountPerUser: number;
  maxCountPerDay: number | null;
}

/**
 * Takes one unit of each of a stock's counters in `order`, inside the caller's savepoint; the first counter at its
 * cap, or null when all took one. The caller rolls back on a refusal, so a counter taken before it is given back.
 * With `sending`, the total counter counts only while the stock is `SENDING`.
 */
export function sqliteCounters(e: SqliteEngine, sending: boolean) {
  const { k } = e;
  type Args = { stockId: string; key: string; cap: number };
  const total = e.prepared(
    prepare((a: { stockId: string }) =>
      k
        .updateTable('stocks')
        .set((eb) => ({ total_count: eb('total_count', '+', 1) }))
        .where('stock_id', '=', a.stockId)
        .$if(sending, (u) => u.where('state', '=', 'SENDING'))
        .whereRef('total_count', '<', 'max_count'),
    ),
  );
  const day = e.prepared(
    prepare((a: Args) =>
      k
        .insertInto('stock_day_counts')
        .values({ stock_id: a.stockId, day: a.key, count: 1, cap: a.cap })
        .onConflict((oc) =>
          oc
            .columns(['stock_id', 'day'])
            .doUpdateSet((eb) => ({ count: eb('stock_day_counts.count', '+', 1), cap: eb.ref('excluded.cap') }))
            .whereRef('stock_day_counts.count', '<', 'excluded.cap'),
        ),
    ),
  );
  const user = e.prepared(
    prepare((a: Args) =>
      k
        .insertInto('user_counts')
        .values({ stock_id: a.stockId, user_key: a.key, count: 1, cap: a.cap })
        .onConflict((oc) =>
          oc
            .columns(['stock_id', 'user_key'])
            .doUpdateSet((eb) => ({ count: eb('user_counts.count', '+', 1), cap: eb.ref('excluded.cap') }))
            .whereRef('user_counts.count', '<', 'excluded.cap'),
        ),
    ),
  );
  const take: Record<Counter, (t: Take) => number> = {
    total: (t) => total.run(t),
    day: (t) => day.run({ stockId: t.stockId, key: t.day, cap: t.maxCountPerDay ?? NO_DAILY_CAP }),
    user: (t) => user.run({ stockId: t.stockId, key: t.userKey, cap: t.maxCountPerUser }),
  };
  return (order: readonly Counter[], t: Take): Counter | null => order.find((c) => take[c](t) === 0) ?? null;
}

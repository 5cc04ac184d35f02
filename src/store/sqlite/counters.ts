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
  /** An upsert of a counter row: one more, unless at the cap the call gives (which it also stores). */
  const capped = (table: 'stock_day_counts' | 'user_counts', key: 'day' | 'user_key') =>
    e.prepared(
      prepare((a: Args) =>
        k
          .insertInto(table as 'user_counts')
          .values({ stock_id: a.stockId, [key]: a.key, count: 1, cap: a.cap } as never)
          .onConflict((oc) =>
            oc
              .columns(['stock_id', key as 'user_key'])
              .doUpdateSet((eb) => ({ count: eb('count', '+', 1), cap: eb.ref('excluded.cap') }))
              .whereRef('count', '<', 'excluded.cap'),
          ),
      ),
    );
  const day = capped('stock_day_counts', 'day');
  const user = capped('user_counts', 'user_key');
  const take: Record<Counter, (t: Take) => number> = {
    total: (t) => total.run(t),
    day: (t) => day.run({ stockId: t.stockId, key: t.day, cap: t.maxCountPerDay ?? NO_DAILY_CAP }),
    user: (t) => user.run({ stockId: t.stockId, key: t.userKey, cap: t.maxCountPerUser }),
  };
  return (order: readonly Counter[], t: Take): Counter | null => order.find((c) => take[c](t) === 0) ?? null;
}

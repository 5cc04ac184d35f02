import { sql } from 'kysely';
import type { CatalogStore, StockQuery, StockRecord } from '../catalog.js';
import { compiled, countTotal, equalTo, prepare } from './statement.js';
import { all, type Engine, positional, readAll, readOne, type Work } from './work.js';

/** An UPLOAD-mode stock shows its pool's counts (D-85); the parsed data is shared, so it is copied, not changed. */
const withCodeCounts = (stock: StockRecord, total: number, available: number): StockRecord => ({
  ...stock,
  data: { ...stock.data, coupon_code_count_info: { total_count: total, available_count: available } },
});

/** Catalog reads, the same on both databases. */
export function catalogQueries(e: Engine) {
  const { k } = e;
  const toStockRow = e.records('stocks');
  const stocksForDay = (day: string) =>
    k
      .selectFrom('stocks as s')
      .leftJoin('stock_day_counts as d', (j) => j.onRef('d.stock_id', '=', 's.stock_id').on('d.day', '=', day))
      .leftJoin('coupon_code_counts as c', 'c.stock_id', 's.stock_id')
      .selectAll('s')
      .select((eb) => [
        eb.fn.coalesce('d.count', eb.lit(0)).as('today_count'),
        eb.fn.coalesce('c.total_count', eb.lit(0)).as('codes_total'),
        eb.fn.coalesce('c.available_count', eb.lit(0)).as('codes_available'),
      ]);
  const q = {
    bundleStocks: prepare((a: { stockBundleId: string; day: string }) =>
      stocksForDay(a.day).where('s.stock_bundle_id', '=', a.stockBundleId).orderBy('s.idx'),
    ),
    getStock: prepare((a: { stockId: string; day: string }) => stocksForDay(a.day).where('s.stock_id', '=', a.stockId)),
  };
  const toStock = (row: Record<string, unknown>): StockRecord => {
    const stock = { ...toStockRow(row), todayCount: row.today_count as number };
    return stock.data.coupon_code_mode === 'UPLOAD'
      ? withCodeCounts(stock, Number(row.codes_total), Number(row.codes_available))
      : stock;
  };

  /** A page of stocks in (bundle order, index) order, the same order on both databases. */
  function* listStocks(query: StockQuery): Work<{ stocks: StockRecord[]; total: number }> {
    const filters = equalTo({
      's.product_coupon_id': query.productCouponId,
      's.stock_bundle_id': query.stockBundleId,
      's.state': query.state,
    });
    const count = k
      .selectFrom('stocks as s')
      .where((eb) => eb.and(filters))
      .select(countTotal);
    const [counted] = yield* all(compiled(count), undefined);
    const page = stocksForDay(query.day)
      .where((eb) => eb.and(filters))
      .$if(query.afterStockId !== undefined, (w) =>
        w.where(sql<boolean>`(s.seq, s.idx) > (SELECT seq, idx FROM stocks WHERE stock_id = ${query.afterStockId})`),
      )
      .orderBy('s.seq')
      .orderBy('s.idx')
      .limit(query.limit);
    return { stocks: (yield* all(compiled(page), undefined)).map(toStock), total: counted!.total };
  }

  const getBundleStocks = positional(readAll(e, q.bundleStocks, toStock), 'stockBundleId', 'day');
  return {
    getBundleStocks,
    getIssuanceStocks: getBundleStocks,
    getStock: positional(readOne(e, q.getStock, toStock), 'stockId', 'day'),
    listStocks: (query) => e.snapshot(() => listStocks(query)),
  } satisfies Partial<CatalogStore>;
}

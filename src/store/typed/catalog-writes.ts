import type { Kysely } from 'kysely';
import type { StockState } from '../../domain/states.js';
import type {
  CatalogStore,
  Deactivation,
  StateChecked,
  StockBundleRecord,
  StockData,
  StockRecord,
} from '../catalog.js';
import type { Row } from './records.js';
import type { RequestRecords } from './requests.js';
import { insertRecord, jsonText, prepare, recordValues, type Statement, selectBy, untyped } from './statement.js';
import type { Database } from './tables.js';
import { all, type Engine, first, RollbackWith, recordBy, run, type Work } from './work.js';

/** Product coupons, bundles and stock data, the same on both databases. */
export function catalogWrites(e: Engine, requests: RequestRecords) {
  const stocks = stockStatements(e);
  return { ...productCouponWrites(e, requests, stocks), ...stockWrites(e, requests, stocks) };
}

type StockStatements = ReturnType<typeof stockStatements>;

type Keyed = { id: string; at: string };
type Data = Keyed & { data: string };
type Deactivating = Keyed & { deactivation: string };

/**
 * `UPDATE table SET fields, updated_at = at WHERE key = id AND state op states`, compiled once: a change that only
 * rows in some states take.
 */
function updateIn(k: Kysely<Database>, table: 'product_coupons' | 'stocks', key: 'product_coupon_id' | 'stock_id') {
  return <A extends Keyed>(fields: (a: A) => Row, op: '=' | '<>' | 'in', states: string | string[]) =>
    prepare((a: A) =>
      untyped(k)
        .updateTable(table)
        .set({ ...fields(a), updated_at: a.at })
        .where(key, '=', a.id)
        .where('state', op, states),
    );
}

const newData = (a: Data) => ({ data: a.data });
const deactivating = (a: Deactivating) => ({ state: 'DEACTIVATED', deactivation: a.deactivation });

function couponStatements({ k }: Engine) {
  const coupon = updateIn(k, 'product_coupons', 'product_coupon_id');
  const couponStocks = updateIn(k, 'stocks', 'product_coupon_id');
  return {
    insertCoupon: insertRecord(k, 'product_coupons'),
    couponState: prepare((a: { id: string }) =>
      k.selectFrom('product_coupons').select('state').where('product_coupon_id', '=', a.id),
    ),
    updateCouponData: coupon(newData, '=', 'EFFECTIVE'),
    deactivateCoupon: coupon(deactivating, '=', 'EFFECTIVE'),
    // A stock deactivated on its own keeps its own deactivation.
    deactivateStocks: couponStocks(deactivating, '<>', 'DEACTIVATED'),
    auditCoupon: coupon(() => ({ state: 'EFFECTIVE' }), '=', 'AUDITING'),
    auditStocks: couponStocks(() => ({ state: 'SENDING' }), '=', 'AUDITING'),
  };
}

function stockStatements(e: Engine) {
  const { k } = e;
  const stock = updateIn(k, 'stocks', 'stock_id');
  return {
    deactivateStock: stock(deactivating, 'in', ['SENDING', 'PAUSED']),
    stockState: prepare((a: { id: string }) => k.selectFrom('stocks').select('state').where('stock_id', '=', a.id)),
    // PostgreSQL numbers bundles itself; SQLite takes the next number inside its write transaction.
    insertBundle: prepare((_: StockBundleRecord) => {
      const next = k
        .selectFrom('stock_bundles')
        .select((eb) => eb(eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)), '+', 1).as('next'));
      const values = { ...recordValues('stock_bundles'), ...(e.dialect === 'sqlite' ? { seq: next } : {}) };
      return k
        .insertInto('stock_bundles')
        .values(values as never)
        .returning('seq');
    }),
    insertStock: insertRecord<'stocks', StockRecord & { seq: unknown }>(k, 'stocks', ['seq']),
    groupSeq: selectBy(k, 'stock_bundles', 'stock_bundle_id'),
    updateStockData: stock(newData, '<>', 'DEACTIVATED'),
  };
}

/** Inserts a bundle and its stocks; counters start at zero whatever the records say (the store owns them). */
function* insertBundle(q: StockStatements, bundle: StockBundleRecord, stocks: StockRecord[]): Work<void> {
  const [numbered] = yield* all(q.insertBundle, bundle);
  for (const s of stocks) yield* run(q.insertStock, { ...s, seq: numbered!.seq });
}

const deactivated = (id: string, d: Deactivation) => ({ id, deactivation: jsonText(d)!, at: d.time });

/**
 * D-108: `changed` rows of a write conditional on the record's state; none means it moved on, so the unit of work
 * rolls back (the request record too, so its number stays free, D-5) and answers the state `read` finds.
 */
function* stateChecked<S>(read: Statement<{ id: string }, { state: S }>, id: string, changed: number) {
  if (changed > 0) return { ok: true } as StateChecked<S>;
  const row = yield* first(read, { id });
  if (!row) throw new Error(`${id} vanished`);
  throw new RollbackWith({ ran: true, value: { ok: false, state: row.state } });
}

function productCouponWrites(e: Engine, requests: RequestRecords, stock: StockStatements) {
  const q = couponStatements(e);
  return {
    getRequestRecord: requests.get,
    createProductCoupon: (request, coupon, bundle, stocks) =>
      requests.guarded(request, function* () {
        yield* run(q.insertCoupon, coupon);
        yield* insertBundle(stock, bundle, stocks);
      }),
    getProductCoupon: recordBy(e, 'product_coupons', 'product_coupon_id'),
    updateProductCoupon: (request, coupon) =>
      requests.guarded(request, function* () {
        const at = coupon.updatedAt;
        const id = coupon.productCouponId;
        const changed = yield* run(q.updateCouponData, { id, data: jsonText(coupon.data)!, at });
        return yield* stateChecked(q.couponState, id, changed);
      }),
    deactivateProductCoupon: (request, id, deactivation) =>
      requests.guarded(request, function* () {
        const changed = yield* run(q.deactivateCoupon, deactivated(id, deactivation));
        const checked = yield* stateChecked(q.couponState, id, changed);
        yield* run(q.deactivateStocks, deactivated(id, deactivation));
        return checked;
      }),
    finishAudit: (id, at) =>
      e.write(function* () {
        yield* run(q.auditCoupon, { id, at });
        yield* run(q.auditStocks, { id, at });
      }),
  } satisfies Partial<CatalogStore>;
}

function stockWrites(e: Engine, requests: RequestRecords, q: StockStatements) {
  return {
    deactivateStock: (request, id, deactivation) =>
      requests.guarded(request, function* () {
        return yield* stateChecked(q.stockState, id, yield* run(q.deactivateStock, deactivated(id, deactivation)));
      }),
    addStockBundle: (request, bundle, stocks) => requests.guarded(request, () => insertBundle(q, bundle, stocks)),
    addStock: (request, stock) =>
      requests.guarded(request, function* () {
        const group = yield* first(q.groupSeq, stock);
        if (!group) throw new Error(`stock group ${stock.stockBundleId} missing`);
        yield* run(q.insertStock, { ...stock, seq: group.seq });
      }),
    getStockBundle: recordBy(e, 'stock_bundles', 'stock_bundle_id'),
    updateStocksData: (request, stocks: { stockId: string; data: StockData }[], at) =>
      requests.guarded(request, function* (): Work<StateChecked<StockState>> {
        for (const s of stocks) {
          const changed = yield* run(q.updateStockData, { id: s.stockId, data: jsonText(s.data)!, at });
          if (changed === 0) throw new RollbackWith({ ran: true, value: { ok: false, state: 'DEACTIVATED' } });
        }
        return { ok: true };
      }),
  } satisfies Partial<CatalogStore>;
}

import { sql } from 'kysely';
import type { ConsoleStore, ProductCouponSummaryQuery, UsageMode } from '../console.js';
import { equalTo, perShape, prepare } from './statement.js';
import { all, type Engine, first, readAll } from './work.js';

/** PostgreSQL returns COUNT and SUM of integers as text (bigint, numeric). */
type Count = number | string;

const countOf = sql<Count>`count(*)`.as('n');

const countsBy = <K extends string>(keys: readonly K[], rows: { state: K; n: Count }[]) =>
  Object.fromEntries(keys.map((key) => [key, Number(rows.find((r) => r.state === key)?.n ?? 0)])) as Record<K, number>;

/** The console's aggregates (D-60), the same on both databases; several reads share one snapshot. */
export function typedConsole(e: Engine): ConsoleStore {
  return { ...overview(e), ...productCouponSummaries(e), ...issuedSeries(e), ...userHoldings(e) };
}

function overview(e: Engine): Pick<ConsoleStore, 'consoleOverview'> {
  const { k } = e;
  const q = {
    totals: prepare((a: { day: string }) =>
      k.selectNoFrom((eb) => [
        eb.selectFrom('merchants').select(countOf).as('merchants'),
        eb.selectFrom('brands').select(countOf).as('brands'),
        eb
          .selectFrom('stocks')
          .select((s) => s.fn.coalesce(s.fn.sum<Count>('total_count'), s.lit(0)).as('n'))
          .as('issued'),
        eb
          .selectFrom('stock_day_counts')
          .where('day', '=', a.day)
          .select((s) => s.fn.coalesce(s.fn.sum<Count>('count'), s.lit(0)).as('n'))
          .as('issued_today'),
      ]),
    ),
    coupons: prepare(() => k.selectFrom('product_coupons').select(['state', countOf]).groupBy('state')),
    deliveries: prepare(() => k.selectFrom('outbox').select(['state', countOf]).groupBy('state')),
  };
  return {
    consoleOverview: (day) =>
      e.snapshot(function* () {
        const totals = (yield* first(q.totals, { day }))!;
        return {
          merchants: Number(totals.merchants),
          brands: Number(totals.brands),
          productCoupons: countsBy(['AUDITING', 'EFFECTIVE', 'DEACTIVATED'], yield* all(q.coupons, {})),
          issued: Number(totals.issued),
          issuedToday: Number(totals.issued_today),
          deliveries: countsBy(['PENDING', 'DELIVERED', 'FAILED'], yield* all(q.deliveries, {})),
        };
      }),
  };
}

/** One page of product coupons (newest first) with their bundle and stock counts and budget. */
function summaryStatements(e: Engine) {
  const { k } = e;
  /** A text field of product coupon `p`'s JSON data. */
  const dataField = (...path: string[]) =>
    e.dialect === 'sqlite'
      ? sql<string | null>`json_extract(p.data, ${sql.raw(`'$.${path.join('.')}'`)})`
      : sql<string | null>`p.data #>> ${sql.raw(`'{${path.join(',')}}'`)}`;
  return perShape((a: ProductCouponSummaryQuery, given) => {
    const filtered = k
      .selectFrom('product_coupons as p')
      .where((eb) =>
        eb.and(equalTo({ 'p.mchid': given('mchid'), 'p.brand_id': given('brandId'), 'p.state': given('state') })),
      )
      .$if(given('mode') !== undefined, (w) => w.where(dataField('usage_mode'), '=', a.mode!));
    const page = k
      .with('page', () =>
        filtered
          .select(['p.product_coupon_id', 'p.mchid', 'p.brand_id', 'p.state', 'p.created_at'])
          .select([dataField('display_info', 'name').as('name'), dataField('usage_mode').as('mode')])
          .orderBy('p.created_at', 'desc')
          .orderBy('p.product_coupon_id', 'desc')
          .limit(a.limit)
          .offset(a.offset),
      )
      .selectFrom('page')
      .leftJoin('stocks as s', 's.product_coupon_id', 'page.product_coupon_id')
      .selectAll('page')
      .select((eb) => [
        eb
          .selectFrom('stock_bundles as b')
          .whereRef('b.product_coupon_id', '=', 'page.product_coupon_id')
          .where('b.kind', '=', 'BUNDLE')
          .select(countOf)
          .as('bundles'),
        eb.fn.count<Count>('s.stock_id').as('stocks'),
        eb.fn.sum<Count>('s.total_count').as('issued'),
        eb.fn.sum<Count>('s.max_count').as('budget'),
      ])
      .groupBy(['page.product_coupon_id', 'page.mchid', 'page.brand_id', 'page.state', 'page.created_at'])
      .groupBy(['page.name', 'page.mode'])
      .orderBy('page.created_at', 'desc')
      .orderBy('page.product_coupon_id', 'desc');
    return { count: filtered.select(countOf), page };
  });
}

function productCouponSummaries(e: Engine): Pick<ConsoleStore, 'listProductCouponSummaries'> {
  const summaries = summaryStatements(e);
  return {
    listProductCouponSummaries: (query) =>
      e.snapshot(function* () {
        const { count, page } = summaries(query);
        const [total] = yield* all(count, query);
        const rows = yield* all(page, query);
        const items = rows.map((r) => ({
          productCouponId: r.product_coupon_id,
          mchid: r.mchid,
          brandId: r.brand_id,
          name: r.name ?? '',
          mode: r.mode as UsageMode,
          state: r.state,
          bundles: Number(r.bundles),
          stocks: Number(r.stocks),
          issued: Number(r.issued ?? 0),
          budget: Number(r.budget ?? 0),
          createdAt: r.created_at,
        }));
        return { total: Number(total!.n), items };
      }),
  };
}

function issuedSeries(e: Engine): Pick<ConsoleStore, 'countIssuedPerHour' | 'countIssuedPerDay'> {
  const { k } = e;
  const q = {
    perHour: prepare((a: { id: string; from: string; to: string }) =>
      k
        .selectFrom('issuance_hours')
        .where('product_coupon_id', '=', a.id)
        .where('hour', '>=', a.from)
        .where('hour', '<=', a.to)
        .select(['hour', (eb) => eb.fn.sum<Count>('count').as('count')])
        .groupBy('hour')
        .orderBy('hour'),
    ),
    perDay: prepare((a: { id: string; from: string; to: string }) =>
      k
        .selectFrom('stock_day_counts as d')
        .innerJoin('stocks as s', 's.stock_id', 'd.stock_id')
        .where('s.product_coupon_id', '=', a.id)
        .where('d.day', '>=', a.from)
        .where('d.day', '<=', a.to)
        .where('d.count', '>', 0)
        .select(['d.day', (eb) => eb.fn.sum<Count>('d.count').as('count')])
        .groupBy('d.day')
        .orderBy('d.day'),
    ),
  };
  const perHour = readAll(e, q.perHour, (r) => ({ hour: r.hour, count: Number(r.count) }));
  const perDay = readAll(e, q.perDay, (r) => ({ day: r.day, count: Number(r.count) }));
  return {
    countIssuedPerHour: (id, from, to) => perHour({ id, from, to }),
    countIssuedPerDay: (id, from, to) => perDay({ id, from, to }),
  };
}

function userHoldings(e: Engine): Pick<ConsoleStore, 'listUserHoldings'> {
  const { k } = e;
  const toBundle = e.records('user_coupon_bundles');
  const toCoupon = e.records('user_coupons');
  const newestBundles = (a: { openid: string; limit: number }) =>
    k
      .selectFrom('user_coupon_bundles')
      .where('openid', '=', a.openid)
      .orderBy('created_at', 'desc')
      .orderBy('user_coupon_bundle_id')
      .limit(a.limit);
  const q = {
    userBundles: prepare((a: { openid: string; limit: number }) => newestBundles(a).selectAll()),
    userCoupons: prepare((a: { openid: string; limit: number }) =>
      k
        .selectFrom('user_coupons')
        .selectAll()
        .where('user_coupon_bundle_id', 'in', newestBundles(a).select('user_coupon_bundle_id'))
        .orderBy('user_coupon_bundle_id')
        .orderBy('idx'),
    ),
  };
  return {
    listUserHoldings: (openid, limit) =>
      e.snapshot(function* () {
        const bundles = (yield* all(q.userBundles, { openid, limit })).map(toBundle);
        const coupons = (yield* all(q.userCoupons, { openid, limit })).map(toCoupon);
        return { bundles, coupons };
      }),
  };
}

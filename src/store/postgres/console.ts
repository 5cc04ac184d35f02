import type { ConsoleStore } from '../console.js';
import {
  COUPONS_BY_STATE,
  DELIVERIES_BY_STATE,
  type OverviewRows,
  overviewTotals,
  perDayStatement,
  perHourStatement,
  type SummaryRow,
  summaryFilters,
  summaryStatement,
  toOverview,
  toSummary,
} from '../rows/console.js';
import {
  toUserCouponBundle,
  type UserCouponBundleRow,
  type UserCouponRow,
  userCouponMapper,
} from '../rows/issuance.js';
import { alreadyParsed } from '../rows/json.js';
import { whereEqual } from '../rows/statements.js';
import type { Database } from './database.js';

const toUserCoupon = userCouponMapper(alreadyParsed);
const P3: [string, string, string] = ['$1', '$2', '$3'];

/** The console's aggregates on PostgreSQL (D-60); multi-statement reads share one REPEATABLE READ snapshot. */
export function postgresConsole(db: Database): ConsoleStore {
  return {
    async consoleOverview(day) {
      return db.tx(async (c) => {
        const totals = (await c.query<OverviewRows['totals']>(overviewTotals('$1'), [day])).rows[0]!;
        const coupons = (await c.query<OverviewRows['coupons'][number]>(COUPONS_BY_STATE)).rows;
        const deliveries = (await c.query<OverviewRows['deliveries'][number]>(DELIVERIES_BY_STATE)).rows;
        return toOverview({ totals, coupons, deliveries });
      }, 'REPEATABLE READ');
    },
    async listProductCouponSummaries(query) {
      const { where, values } = whereEqual(summaryFilters(query, 'postgres'), 'postgres');
      const n = values.length;
      return db.tx(async (c) => {
        const total = await c.query<{ n: string }>(`SELECT COUNT(*) AS n FROM product_coupons p ${where}`, values);
        const page = await c.query<SummaryRow>(summaryStatement('postgres', where, `$${n + 1}`, `$${n + 2}`), [
          ...values,
          query.limit,
          query.offset,
        ]);
        return { total: Number(total.rows[0]!.n), items: page.rows.map(toSummary) };
      }, 'REPEATABLE READ');
    },
    async countIssuedPerHour(productCouponId, from, to) {
      const rows = await db.query<{ hour: string; count: string }>(perHourStatement(P3), [productCouponId, from, to]);
      return rows.map((r) => ({ hour: r.hour, count: Number(r.count) }));
    },
    async countIssuedPerDay(productCouponId, from, to) {
      const rows = await db.query<{ day: string; count: string }>(perDayStatement(P3), [productCouponId, from, to]);
      return rows.map((r) => ({ day: r.day, count: Number(r.count) }));
    },
    async listUserHoldings(openid, limit) {
      return db.tx(async (c) => {
        const bundles = (
          await c.query<UserCouponBundleRow>(
            'SELECT * FROM user_coupon_bundles WHERE openid = $1 ORDER BY created_at DESC, user_coupon_bundle_id LIMIT $2',
            [openid, limit],
          )
        ).rows.map(toUserCouponBundle);
        const coupons = await c.query<UserCouponRow<unknown>>(
          'SELECT * FROM user_coupons WHERE user_coupon_bundle_id = ANY($1) ORDER BY created_at, user_coupon_bundle_id, idx',
          [bundles.map((b) => b.userCouponBundleId)],
        );
        return { bundles, coupons: coupons.rows.map(toUserCoupon) };
      }, 'REPEATABLE READ');
    },
  };
}

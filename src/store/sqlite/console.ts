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
import { parseJsonText } from '../rows/json.js';
import { whereEqual } from '../rows/statements.js';
import type { SqliteDb } from './database.js';

const toUserCoupon = userCouponMapper(parseJsonText);

/** The console's aggregates on SQLite (D-60). */
export function sqliteConsole(db: SqliteDb): ConsoleStore {
  const q = {
    totals: db.prepare<[string], OverviewRows['totals']>(overviewTotals('?')),
    coupons: db.prepare<[], OverviewRows['coupons'][number]>(COUPONS_BY_STATE),
    deliveries: db.prepare<[], OverviewRows['deliveries'][number]>(DELIVERIES_BY_STATE),
    perHour: db.prepare<[string, string, string], { hour: string; count: number }>(perHourStatement(['?', '?', '?'])),
    perDay: db.prepare<[string, string, string], { day: string; count: number }>(perDayStatement(['?', '?', '?'])),
    userBundles: db.prepare<[string, number], UserCouponBundleRow>(
      'SELECT * FROM user_coupon_bundles WHERE openid = ? ORDER BY created_at DESC, user_coupon_bundle_id LIMIT ?',
    ),
    bundleCoupons: db.prepare<[string], UserCouponRow<string>>(
      'SELECT * FROM user_coupons WHERE user_coupon_bundle_id = ? ORDER BY idx',
    ),
  };
  return {
    async consoleOverview(day) {
      return db.transaction(() =>
        toOverview({ totals: q.totals.get(day)!, coupons: q.coupons.all(), deliveries: q.deliveries.all() }),
      )();
    },
    async listProductCouponSummaries(query) {
      const { where, values } = whereEqual(summaryFilters(query, 'sqlite'), 'sqlite');
      const total = db.prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM product_coupons p ${where}`);
      const page = db.prepare<(string | number)[], SummaryRow>(summaryStatement('sqlite', where, '?', '?'));
      return db.transaction(() => ({
        total: total.get(...values)!.n,
        items: page.all(...values, query.limit, query.offset).map(toSummary),
      }))();
    },
    async countIssuedPerHour(productCouponId, from, to) {
      return q.perHour.all(productCouponId, from, to);
    },
    async countIssuedPerDay(productCouponId, from, to) {
      return q.perDay.all(productCouponId, from, to);
    },
    async listUserHoldings(openid, limit) {
      return db.transaction(() => {
        const bundles = q.userBundles.all(openid, limit).map(toUserCouponBundle);
        const coupons = bundles.flatMap((b) => q.bundleCoupons.all(b.userCouponBundleId).map(toUserCoupon));
        return { bundles, coupons };
      })();
    },
  };
}

import {
  type BudgetFacts,
  budgetRefusalError,
  checkUpdateBudget,
  checkUpdateModeFields,
} from '../../domain/catalog-rules.js';
import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { UpdateBudgetBodyT } from '../../schemas/stock-bundles.js';
import type { BudgetChange, BudgetDimension, ProductCouponRecord, StockRecord } from '../../store/catalog.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { runNumbered } from '../requests/pipeline.js';
import { bundleStocksOf, requireLiveStocks, requireNotDeactivated, singleStockOf } from './lookup.js';
import { renderBundle, renderStock } from './render.js';
import type { StockBundleT, StockT } from './types.js';

/**
 * 修改商品券批次组发放预算 (D-11): one dimension per call, applied to every stock carrying it,
 * only while `current_*` is the real value; never below what any stock has issued. The store re-checks both inside
 * its transaction, so of several concurrent calls with the same `current_*` exactly one changes the budget.
 */
export function updateBundleBudget(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_bundle_id: string },
  body: UpdateBudgetBodyT,
): Promise<StockBundleT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'updateStockBundleBudget', requestNo: body.out_request_no },
    parameters: { ...params, body },
    resolve: async () => {
      const { coupon, now } = await budgetCoupon(deps, mchid, params, body);
      return { coupon, now, stocks: await bundleStocksOf(deps, coupon, params.stock_bundle_id, shanghaiDay(now)) };
    },
    plan: async ({ coupon, stocks, now }) => {
      const change = plannedChange(coupon, stocks, body, now);
      return {
        response: renderBundle(params.stock_bundle_id, change.changed, now),
        commit: (request) => deps.store.updateBundleBudget(request, params.stock_bundle_id, ...change.args),
        settle: change.settle,
      };
    },
  });
}

/** 修改商品券批次发放预算: the same rule for one single-mode stock (D-74). */
export function updateStockBudget(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: UpdateBudgetBodyT,
): Promise<StockT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'updateStockBudget', requestNo: body.out_request_no },
    parameters: { ...params, body },
    resolve: async () => {
      const { coupon, now } = await budgetCoupon(deps, mchid, params, body);
      const day = shanghaiDay(now);
      return {
        coupon,
        now,
        stock: await singleStockOf(deps, coupon, params.stock_id, day, '修改商品券批次组发放预算'),
      };
    },
    plan: async ({ coupon, stock, now }) => {
      const change = plannedChange(coupon, [stock], body, now);
      return {
        response: renderStock(change.changed[0]!, now),
        commit: (request) => deps.store.updateStockBudget(request, params.stock_id, ...change.args),
        settle: change.settle,
      };
    },
  });
}

/** D-4 up to the product coupon: the mode fields, the brand, then the product coupon. */
async function budgetCoupon(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string },
  body: UpdateBudgetBodyT,
) {
  checkUpdateModeFields(body);
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, params.product_coupon_id);
  return { coupon, now: deps.clock.now() };
}

/**
 * D-11 against `stocks`, after their state rules: the stocks as they will be, the store write's arguments, and the
 * settling of its outcome, since the store re-checks the rule atomically.
 */
function plannedChange(coupon: ProductCouponRecord, stocks: StockRecord[], body: UpdateBudgetBodyT, now: Date) {
  requireNotDeactivated(coupon);
  requireLiveStocks(stocks, now, '已过期的批次不可修改发放预算');
  const change = checkUpdateBudget(body, budgetFacts(stocks));
  const dimension: BudgetDimension = 'max_count' in change ? 'max_count' : 'max_count_per_day';
  const expected = (dimension === 'max_count' ? body.current_max_count : body.current_max_count_per_day) ?? 0;
  const target = 'max_count' in change ? change.max_count : change.max_count_per_day;
  const at = toRfc3339(now);
  const changed = stocks.map((s) => ({
    ...s,
    ...('max_count' in change ? { maxCount: target } : s.maxCountPerDay !== null ? { maxCountPerDay: target } : {}),
    updatedAt: at,
  }));
  const settle = (outcome: BudgetChange): undefined => {
    if (!outcome.ok) throw budgetRefusalError(outcome, dimension, expected, target);
    return undefined;
  };
  return { changed, args: [dimension, expected, target, shanghaiDay(now), at] as const, settle };
}

/** D-11: the total may not drop below the count of any stock; stock #0 alone carries the daily cap. */
function budgetFacts(stocks: StockRecord[]): BudgetFacts {
  const first = stocks[0];
  if (!first) throw new Error('a stock bundle without stocks');
  return {
    max_count: first.maxCount,
    ...(first.maxCountPerDay !== null ? { max_count_per_day: first.maxCountPerDay } : {}),
    issued_total: Math.max(...stocks.map((s) => s.totalCount)),
    issued_today: first.todayCount,
  };
}

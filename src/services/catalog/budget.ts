import {
  type BudgetFacts,
  budgetRefusalError,
  checkUpdateBudget,
  checkUpdateModeFields,
} from '../../domain/catalog-rules.js';
import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import type { UpdateBudgetBodyT } from '../../schemas/stock-bundles.js';
import type { BudgetChange, BudgetDimension, Guarded, RequestRecord, StockRecord } from '../../store/catalog.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { bundleStocksOf, requireLiveStocks, requireNotDeactivated, singleStockOf } from './lookup.js';
import { renderBundle, renderStock } from './render.js';
import { answerOf, type BoundRequest, bindRequest, earlierAnswer, recordOf } from './requests.js';
import type { StockBundleT, StockT } from './types.js';

/**
 * 修改商品券批次组发放预算 (D-11): one dimension per call, applied to every stock carrying it,
 * only while `current_*` is the real value; never below what any stock has issued. The store re-checks both inside
 * its transaction, so of several concurrent calls with the same `current_*` exactly one changes the budget.
 */
export async function updateBundleBudget(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_bundle_id: string },
  body: UpdateBudgetBodyT,
): Promise<StockBundleT> {
  checkUpdateModeFields(body);
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, params.product_coupon_id);
  const now = deps.clock.now();
  const stocks = await bundleStocksOf(deps, coupon, params.stock_bundle_id, shanghaiDay(now));
  const request = bindRequest('updateStockBundleBudget', mchid, body.brand_id, body.out_request_no, {
    ...params,
    body,
  });
  const earlier = await earlierAnswer<StockBundleT>(deps, request);
  if (earlier) return earlier;
  requireNotDeactivated(coupon);
  requireLiveStocks(stocks, now, '已过期的批次不可修改发放预算');

  const { changed, apply } = plannedChange(stocks, body, now);
  const response = renderBundle(params.stock_bundle_id, changed, now);
  return apply(request, response, (record, ...change) =>
    deps.store.updateBundleBudget(record, params.stock_bundle_id, ...change),
  );
}

/** 修改商品券批次发放预算: the same rule for one single-mode stock (D-74). */
export async function updateStockBudget(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  body: UpdateBudgetBodyT,
): Promise<StockT> {
  checkUpdateModeFields(body);
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const coupon = await ownedProductCoupon(deps, mchid, body.brand_id, params.product_coupon_id);
  const now = deps.clock.now();
  const stock = await singleStockOf(deps, coupon, params.stock_id, shanghaiDay(now), '修改商品券批次组发放预算');
  const request = bindRequest('updateStockBudget', mchid, body.brand_id, body.out_request_no, { ...params, body });
  const earlier = await earlierAnswer<StockT>(deps, request);
  if (earlier) return earlier;
  requireNotDeactivated(coupon);
  requireLiveStocks([stock], now, '已过期的批次不可修改发放预算');

  const { changed, apply } = plannedChange([stock], body, now);
  const response = renderStock(changed[0]!, now);
  return apply(request, response, (record, ...change) =>
    deps.store.updateStockBudget(record, params.stock_id, ...change),
  );
}

type StoreChange = (
  record: RequestRecord,
  dimension: BudgetDimension,
  expected: number,
  target: number,
  day: string,
  at: string,
) => Promise<Guarded<BudgetChange>>;

/** D-11 against `stocks`: the stocks as they will be, and the store write that re-checks the rule atomically. */
function plannedChange(stocks: StockRecord[], body: UpdateBudgetBodyT, now: Date) {
  const change = checkUpdateBudget(body, budgetFacts(stocks));
  const dimension = 'max_count' in change ? 'max_count' : 'max_count_per_day';
  const expected = (dimension === 'max_count' ? body.current_max_count : body.current_max_count_per_day) ?? 0;
  const target = 'max_count' in change ? change.max_count : change.max_count_per_day;
  const at = toRfc3339(now);
  const changed = stocks.map((s) => ({
    ...s,
    ...('max_count' in change ? { maxCount: target } : s.maxCountPerDay !== null ? { maxCountPerDay: target } : {}),
    updatedAt: at,
  }));
  const apply = async <T>(request: BoundRequest, response: T, write: StoreChange): Promise<T> => {
    const result = await write(recordOf(request, response, at), dimension, expected, target, shanghaiDay(now), at);
    if (result.ran && !result.value.ok) throw budgetRefusalError(result.value, dimension, expected, target);
    return answerOf(request, result, response);
  };
  return { changed, apply };
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

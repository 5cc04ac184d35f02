import type { Static } from '@sinclair/typebox';
import { shanghaiDay } from '../../domain/clock.js';
import { Messages, notFound } from '../../domain/errors.js';
import { fieldError } from '../../domain/field-error.js';
import type { ListStocksQuery } from '../../schemas/stocks.js';
import type { StockQuery, StockRecord } from '../../store/catalog.js';
import { checkBrandAuthorized, ownedProductCoupon } from '../authorization.js';
import type { ServiceDeps } from '../deps.js';
import { renderStock, stockStateAt } from './render.js';
import type { StockPageT, StockT } from './types.js';

/** 查询商品券批次列表 / 查询商品券指定批次. */

type ListQuery = Static<typeof ListStocksQuery>;

export async function getStock(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  brandId: string,
): Promise<StockT> {
  await checkBrandAuthorized(deps, mchid, brandId);
  const coupon = await ownedProductCoupon(deps, mchid, brandId, params.product_coupon_id);
  const now = deps.clock.now();
  const stock = await deps.store.getStock(params.stock_id, shanghaiDay(now));
  if (!stock || stock.productCouponId !== coupon.productCouponId) throw notFound(Messages.stockNotFound);
  return renderStock(stock, now);
}

/** Pages follow creation order (bundle by bundle, index by index); `total_count` only on the first page. */
export async function listStocks(
  deps: ServiceDeps,
  mchid: string,
  productCouponId: string,
  q: ListQuery,
): Promise<StockPageT> {
  await checkBrandAuthorized(deps, mchid, q.brand_id);
  await ownedProductCoupon(deps, mchid, q.brand_id, productCouponId);
  const now = deps.clock.now();
  const size = q.page_size ?? 20;
  const after = await pageStart(deps, productCouponId, q.page_token);
  const base: StockQuery = {
    productCouponId,
    ...(q.stock_bundle_id !== undefined ? { stockBundleId: q.stock_bundle_id } : {}),
    limit: size + 1,
    day: shanghaiDay(now),
  };
  const { stocks, total } =
    q.state === 'SENDING' || q.state === 'STOPPED'
      ? await scanDerived(deps, { ...base, state: 'SENDING' }, q.state, now, after, q.page_token === undefined)
      : await deps.store.listStocks({
          ...base,
          ...(q.state !== undefined ? { state: q.state } : {}),
          ...(after !== undefined ? { afterStockId: after } : {}),
        });
  const page = stocks.slice(0, size);
  const last = page.at(-1);
  return {
    ...(q.page_token === undefined ? { total_count: total } : {}),
    stock_list: page.map((s) => renderStock(s, now)),
    ...(stocks.length > size && last ? { next_page_token: encodePage(last.stockId) } : {}),
  };
}

/**
 * SENDING and STOPPED differ only by the clock (a SENDING stock past its end is STOPPED, docs/fidelity.md, States), so the store
 * cannot filter them: read its SENDING stocks in order and keep those in the wanted state now.
 */
async function scanDerived(
  deps: ServiceDeps,
  query: StockQuery,
  wanted: 'SENDING' | 'STOPPED',
  now: Date,
  after: string | undefined,
  countAll: boolean,
): Promise<{ stocks: StockRecord[]; total: number }> {
  const matches: StockRecord[] = [];
  let total = 0;
  let cursor = after;
  for (;;) {
    const batch = await deps.store.listStocks({
      ...query,
      limit: 50,
      ...(cursor !== undefined ? { afterStockId: cursor } : {}),
    });
    for (const s of batch.stocks) {
      if (stockStateAt(s, now) !== wanted) continue;
      total++;
      if (matches.length < query.limit) matches.push(s);
    }
    cursor = batch.stocks.at(-1)?.stockId;
    const full = matches.length >= query.limit && !countAll;
    if (full || batch.stocks.length < 50 || cursor === undefined) return { stocks: matches, total };
  }
}

const PAGE_PREFIX = 'stock:';
const encodePage = (stockId: string) => Buffer.from(`${PAGE_PREFIX}${stockId}`).toString('base64url');

/** The stock a page token continues after; a token that names no stock of this product coupon is refused. */
async function pageStart(deps: ServiceDeps, productCouponId: string, token: string | undefined) {
  if (token === undefined) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const stockId = text.startsWith(PAGE_PREFIX) ? text.slice(PAGE_PREFIX.length) : '';
  const stock = stockId === '' ? null : await deps.store.getStock(stockId, shanghaiDay(deps.clock.now()));
  if (!stock || stock.productCouponId !== productCouponId)
    throw fieldError('query', '/page_token', 'value', Messages.pageTokenUnknown, token);
  return stockId;
}

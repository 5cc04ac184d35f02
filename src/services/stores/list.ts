import { Messages } from '../../domain/errors.js';
import { fieldError } from '../../domain/field-error.js';
import type { AssociatedStoresQueryT, StorePageT } from '../../schemas/stores.js';
import type { ServiceDeps } from '../deps.js';
import { requireStoreScope, stockTarget } from './scope.js';

/**
 * 查询批次关联门店列表 (D-84): the stock's stores in `store_id` order, `page_size` (default 20, at most 200) at a time;
 * `total_count` only on the first page, `next_page_token` only while more follow. Any stock of the product coupon,
 * bundle stocks included.
 */
export async function listAssociatedStores(
  deps: ServiceDeps,
  mchid: string,
  params: { product_coupon_id: string; stock_id: string },
  q: AssociatedStoresQueryT,
): Promise<StorePageT> {
  const { stocks } = await stockTarget(deps, mchid, q.brand_id, params, 'list');
  requireStoreScope(stocks, deps.clock.now(), 'list');
  const size = q.page_size ?? 20;
  const after = q.page_token === undefined ? undefined : storeAfter(q.page_token);
  const { storeIds, total } = await deps.store.listStockStores({
    stockId: params.stock_id,
    ...(after !== undefined ? { afterStoreId: after } : {}),
    limit: size + 1,
  });
  const page = storeIds.slice(0, size);
  const last = page.at(-1);
  return {
    ...(q.page_token === undefined ? { total_count: total } : {}),
    store_list: page.map((store_id) => ({ store_id })),
    ...(storeIds.length > size && last !== undefined ? { next_page_token: encodePage(last) } : {}),
  };
}

const PAGE_PREFIX = 'store:';
const encodePage = (storeId: string) => Buffer.from(`${PAGE_PREFIX}${storeId}`).toString('base64url');

/** The store a page token continues after; a token this list cannot have given is refused. */
function storeAfter(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const storeId = text.startsWith(PAGE_PREFIX) ? text.slice(PAGE_PREFIX.length) : '';
  if (storeId === '' || encodePage(storeId) !== token)
    throw fieldError('query', '/page_token', 'value', Messages.pageTokenUnknown, token);
  return storeId;
}

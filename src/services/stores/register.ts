import { toRfc3339 } from '../../domain/clock.js';
import { CouponError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';

/**
 * D-80: a store (门店) exists for coupond once the brand's operator registers it through the admin API, standing in
 * for WeChat's 创建品牌门店 console and API. Registering the same id for the same brand again is harmless.
 */
export async function registerStore(
  deps: ServiceDeps,
  brandId: string,
  storeId: string | undefined,
): Promise<{ created: boolean; store: { brand_id: string; store_id: string } }> {
  if (!(await deps.store.getBrand(brandId))) throw new CouponError('NOT_FOUND', `品牌 ${brandId} 不存在`, 404);
  const id = storeId ?? deps.ids.numeric('', 12);
  const outcome = await deps.store.registerStore({ storeId: id, brandId, createdAt: toRfc3339(deps.clock.now()) });
  if (outcome === 'taken') throw new CouponError('ALREADY_EXISTS', `门店 ${id} 已属于其他品牌`, 409);
  return { created: outcome === 'created', store: { brand_id: brandId, store_id: id } };
}

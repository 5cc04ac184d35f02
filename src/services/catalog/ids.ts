import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CouponError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';

/**
 * Numeric ids shaped like WeChat's (as in WeChat's documented 创建商品券 response): product coupon `1000000014`, its stocks
 * `1000000014001`, `1000000014002` … numbered across all its bundles, bundle `712315129419284901`.
 */
export async function newProductCouponId(deps: ServiceDeps): Promise<string> {
  for (;;) {
    const id = deps.ids.numeric('1', 9);
    if (!(await deps.store.getProductCoupon(id))) return id;
  }
}

export const newStockBundleId = (deps: ServiceDeps) => deps.ids.numeric('7', 17);

/** `n` counts the product coupon's stocks from 1. */
export const stockIdOf = (productCouponId: string, n: number) => `${productCouponId}${String(n).padStart(3, '0')}`;

/**
 * Runs a write whose ids were drawn or counted just before it; if a concurrent write took them first, the store
 * refuses the whole write (it is atomic) and, after a short random pause, the write is prepared again with fresh ids.
 */
export async function withFreshIds<T>(attempt: () => Promise<T>, tries = 12): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof CouponError || i >= tries) throw error;
      await sleep(randomInt(1, 25 * i));
    }
  }
}

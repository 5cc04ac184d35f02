import type { FastifyInstance } from 'fastify';
import { listUserCoupons } from '../../schemas/user-coupons.js';
import type { ExpirySweeper } from '../../services/lifecycle/expiry.js';

const LIST_URL = listUserCoupons.path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * Persists due expiries before 指定券状态查询用户商品券列表 filters by `coupon_state`, so the filter is exact (D-14).
 * Without that filter nothing is written: every coupon's state is computed on read anyway.
 */
export function sweepBeforeListing(app: FastifyInstance, sweeper: ExpirySweeper): void {
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || request.routeOptions.url !== LIST_URL) return;
    if ((request.query as Record<string, unknown>).coupon_state !== undefined) await sweeper.run();
  });
}

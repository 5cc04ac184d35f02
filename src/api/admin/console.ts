import type { FastifyInstance } from 'fastify';
import {
  CONSOLE_API_PREFIX,
  ConsoleCouponListQuery,
  ConsoleCouponParams,
  ConsoleUserParams,
  IssuanceSeriesQuery,
} from '../../schemas/console.js';
import { validate } from '../../schemas/validate.js';
import { consoleOverview } from '../../services/console/overview.js';
import { couponDetail, listCouponSummaries } from '../../services/console/product-coupons.js';
import { issuanceSeries } from '../../services/console/series.js';
import { userView } from '../../services/console/users.js';
import type { AppContext } from '../context.js';
import { ADMIN_PREFIX, adminQuery } from './guard.js';

/** The console's JSON API (D-60), inside the admin plugin and so behind its token. */
export function adminConsoleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  app.register(
    async (api) => {
      api.addHook('preHandler', async (_request, reply) => {
        reply.header('Cache-Control', 'no-store');
      });
      api.get('/overview', () => consoleOverview(deps));
      api.get('/product-coupons', (req) => listCouponSummaries(deps, adminQuery(ConsoleCouponListQuery, req)));
      api.get('/product-coupons/:product_coupon_id', (req) =>
        couponDetail(deps, validate(ConsoleCouponParams, req.params, 'uri_template').product_coupon_id),
      );
      api.get('/product-coupons/:product_coupon_id/issuance', (req) => {
        const { product_coupon_id } = validate(ConsoleCouponParams, req.params, 'uri_template');
        return issuanceSeries(deps, product_coupon_id, adminQuery(IssuanceSeriesQuery, req).granularity);
      });
      api.get('/users/:openid', (req) =>
        userView(deps, validate(ConsoleUserParams, req.params, 'uri_template').openid),
      );
    },
    { prefix: CONSOLE_API_PREFIX.slice(ADMIN_PREFIX.length) },
  );
}

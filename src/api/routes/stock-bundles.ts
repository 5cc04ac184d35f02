import type { FastifyInstance } from 'fastify';
import { addStockBundle, modifyStockBundle, updateStockBundleBudget } from '../../schemas/stock-bundles.js';
import { updateBundleBudget } from '../../services/catalog/budget.js';
import * as service from '../../services/catalog/bundles.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

/** `/product-coupons/{product_coupon_id}/stock-bundles[/{stock_bundle_id}[/update-budget]]`: 添加 / 修改商品券批次组, 修改发放预算. */
export function stockBundleRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps } = router.ctx;
  registerEndpoint(app, router, addStockBundle, ({ mchid, params, body }) =>
    service.addStockBundle(deps, mchid, params.product_coupon_id, body),
  );
  registerEndpoint(app, router, modifyStockBundle, ({ mchid, params, body }) =>
    service.modifyStockBundle(deps, mchid, params, body),
  );
  registerEndpoint(app, router, updateStockBundleBudget, ({ mchid, params, body }) =>
    updateBundleBudget(deps, mchid, params, body),
  );
}

import type { FastifyInstance } from 'fastify';
import {
  addStock,
  deactivateStock,
  getStock,
  listStocks,
  modifyStock,
  updateStockBudget,
} from '../../schemas/stocks.js';
import { addStock as addSingleStock } from '../../services/catalog/add-stock.js';
import { updateStockBudget as updateSingleBudget } from '../../services/catalog/budget.js';
import { deactivateStock as deactivateSingleStock } from '../../services/catalog/deactivate-stock.js';
import { modifyStock as modifySingleStock } from '../../services/catalog/modify-stock.js';
import * as service from '../../services/catalog/stocks.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

/** `/product-coupons/{product_coupon_id}/stocks[/{stock_id}]`: 添加 / 修改 / 失效商品券批次, 查询商品券批次列表 / 指定批次. */
export function stockRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps } = router.ctx;
  registerEndpoint(app, router, addStock, ({ mchid, params, body }) =>
    addSingleStock(deps, mchid, params.product_coupon_id, body),
  );
  registerEndpoint(app, router, listStocks, ({ mchid, params, query }) =>
    service.listStocks(deps, mchid, params.product_coupon_id, query),
  );
  registerEndpoint(app, router, getStock, ({ mchid, params, query }) =>
    service.getStock(deps, mchid, params, query.brand_id),
  );
  registerEndpoint(app, router, modifyStock, ({ mchid, params, body }) => modifySingleStock(deps, mchid, params, body));
  registerEndpoint(app, router, updateStockBudget, ({ mchid, params, body }) =>
    updateSingleBudget(deps, mchid, params, body),
  );
  registerEndpoint(app, router, deactivateStock, ({ mchid, params, body }) =>
    deactivateSingleStock(deps, mchid, params, body),
  );
}

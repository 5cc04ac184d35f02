import type { FastifyInstance } from 'fastify';
import {
  associateBundleStores,
  associateStockStores,
  disassociateBundleStores,
  disassociateStockStores,
  listAssociatedStores,
} from '../../schemas/stores.js';
import { changeBundleStores, changeStockStores } from '../../services/stores/change.js';
import { listAssociatedStores as listStores } from '../../services/stores/list.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

/** `…/stock-bundles/{id}/(dis)associate-stores`, `…/stocks/{id}/(dis)associate-stores`, `…/stocks/{id}/associated-stores`. */
export function storeRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps } = router.ctx;
  const bundle = { associate: changeBundleStores('associate'), disassociate: changeBundleStores('disassociate') };
  const stock = { associate: changeStockStores('associate'), disassociate: changeStockStores('disassociate') };
  registerEndpoint(app, router, associateBundleStores, ({ mchid, params, body }) =>
    bundle.associate(deps, mchid, params, body),
  );
  registerEndpoint(app, router, disassociateBundleStores, ({ mchid, params, body }) =>
    bundle.disassociate(deps, mchid, params, body),
  );
  registerEndpoint(app, router, associateStockStores, ({ mchid, params, body }) =>
    stock.associate(deps, mchid, params, body),
  );
  registerEndpoint(app, router, disassociateStockStores, ({ mchid, params, body }) =>
    stock.disassociate(deps, mchid, params, body),
  );
  registerEndpoint(app, router, listAssociatedStores, ({ mchid, params, query }) =>
    listStores(deps, mchid, params, query),
  );
}

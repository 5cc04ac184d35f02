import type { FastifyInstance } from 'fastify';
import { uploadCouponCodes } from '../schemas/coupon-codes.js';
import type { EndpointDef } from '../schemas/endpoint.js';
import { preSendCouponBundle } from '../schemas/issuance.js';
import { getNotifyConfig, setNotifyConfig } from '../schemas/notify-configs.js';
import {
  createProductCoupon,
  deactivateProductCoupon,
  getProductCoupon,
  modifyProductCoupon,
} from '../schemas/product-coupons.js';
import { addStockBundle, modifyStockBundle, updateStockBundleBudget } from '../schemas/stock-bundles.js';
import {
  associateBundleStores,
  associateStockStores,
  disassociateBundleStores,
  disassociateStockStores,
  listAssociatedStores,
} from '../schemas/stores.js';
import {
  confirmUserCoupon,
  deactivateUserCouponBundle,
  getUserCoupon,
  listUserCoupons,
  returnUserCoupon,
  useUserCoupon,
} from '../schemas/user-coupons.js';
import * as budgets from '../services/catalog/budget.js';
import * as bundles from '../services/catalog/bundles.js';
import * as codes from '../services/catalog/coupon-codes.js';
import * as creation from '../services/catalog/create.js';
import * as productCoupons from '../services/catalog/product-coupons.js';
import type { ServiceDeps } from '../services/deps.js';
import * as presend from '../services/issuance/presend.js';
import * as confirmation from '../services/lifecycle/confirm.js';
import * as deactivation from '../services/lifecycle/deactivate.js';
import * as returns from '../services/lifecycle/return.js';
import * as usage from '../services/lifecycle/use.js';
import * as notifyConfigs from '../services/notify-configs.js';
import { changeBundleStores, changeStockStores } from '../services/stores/change.js';
import * as stores from '../services/stores/list.js';
import * as userCoupons from '../services/user-coupons/queries.js';
import { type EndpointHandler, type EndpointInput, registerEndpoint, type WechatRouter } from './wechat-route.js';

/** One WeChat endpoint and the service call that answers it. */
interface Entry {
  register(app: FastifyInstance, router: WechatRouter): void;
}

function handle<E extends EndpointDef>(
  endpoint: E,
  answer: (deps: ServiceDeps, input: EndpointInput<E>) => ReturnType<EndpointHandler<E>>,
): Entry {
  return {
    register: (app, router) => registerEndpoint(app, router, endpoint, (input) => answer(router.ctx.deps, input)),
  };
}

/**
 * Endpoint → handler: each handler only passes the caller (`mchid`) and the validated path, query and body to its
 * service. The pipeline around it (authentication, rate limit, faults, validation, signing, error bodies) is the same
 * for every entry (`registerEndpoint`, `v3Plugin`).
 */
export const ENDPOINT_TABLE: Entry[] = [
  handle(setNotifyConfig, (deps, { mchid, body }) => notifyConfigs.setNotifyConfig(deps, mchid, body.notify_url)),
  handle(getNotifyConfig, (deps, { mchid }) => notifyConfigs.getNotifyConfig(deps, mchid)),
  handle(createProductCoupon, (deps, { mchid, body }) => creation.createProductCoupon(deps, mchid, body)),
  handle(getProductCoupon, (deps, { mchid, params, query }) =>
    productCoupons.getProductCoupon(deps, mchid, params.product_coupon_id, query.brand_id),
  ),
  handle(modifyProductCoupon, (deps, { mchid, params, body }) =>
    productCoupons.modifyProductCoupon(deps, mchid, params.product_coupon_id, body),
  ),
  handle(deactivateProductCoupon, (deps, { mchid, params, body }) =>
    productCoupons.deactivateProductCoupon(deps, mchid, params.product_coupon_id, body),
  ),
  handle(addStockBundle, (deps, { mchid, params, body }) =>
    bundles.addStockBundle(deps, mchid, params.product_coupon_id, body),
  ),
  handle(modifyStockBundle, (deps, { mchid, params, body }) => bundles.modifyStockBundle(deps, mchid, params, body)),
  handle(updateStockBundleBudget, (deps, { mchid, params, body }) =>
    budgets.updateBundleBudget(deps, mchid, params, body),
  ),
  handle(uploadCouponCodes, (deps, { mchid, params, body }) => codes.uploadCouponCodes(deps, mchid, params, body)),
  handle(associateBundleStores, (deps, { mchid, params, body }) =>
    changeBundleStores('associate')(deps, mchid, params, body),
  ),
  handle(disassociateBundleStores, (deps, { mchid, params, body }) =>
    changeBundleStores('disassociate')(deps, mchid, params, body),
  ),
  handle(associateStockStores, (deps, { mchid, params, body }) =>
    changeStockStores('associate')(deps, mchid, params, body),
  ),
  handle(disassociateStockStores, (deps, { mchid, params, body }) =>
    changeStockStores('disassociate')(deps, mchid, params, body),
  ),
  handle(listAssociatedStores, (deps, { mchid, params, query }) =>
    stores.listAssociatedStores(deps, mchid, params, query),
  ),
  handle(preSendCouponBundle, (deps, { mchid, params, body }) => presend.preSend(deps, mchid, params.openid, body)),
  handle(getUserCoupon, (deps, { mchid, params, query }) =>
    userCoupons.getUserCoupon(deps, mchid, params.openid, params.coupon_code, query),
  ),
  handle(listUserCoupons, (deps, { mchid, params, query }) =>
    userCoupons.listUserCoupons(deps, mchid, params.openid, query),
  ),
  handle(confirmUserCoupon, (deps, { mchid, params, body }) =>
    confirmation.confirmUserCoupon(deps, mchid, params.openid, params.coupon_code, body),
  ),
  handle(useUserCoupon, (deps, { mchid, params, body }) =>
    usage.useUserCoupon(deps, mchid, params.openid, params.coupon_code, body),
  ),
  handle(returnUserCoupon, (deps, { mchid, params, body }) =>
    returns.returnUserCoupon(deps, mchid, params.openid, params.coupon_code, body),
  ),
  handle(deactivateUserCouponBundle, (deps, { mchid, params, body }) =>
    deactivation.deactivateUserCouponBundle(deps, mchid, params.openid, params.user_coupon_bundle_id, body),
  ),
];

import type { FastifyInstance } from 'fastify';
import { uploadCouponCodes } from '../schemas/coupon-codes.js';
import type { EndpointDef } from '../schemas/endpoint.js';
import { createImageGenerationTask, getImageGenerationTask } from '../schemas/image-generation.js';
import { preSendCoupon, preSendCouponBundle, sendCoupon, sendCouponBundle } from '../schemas/issuance.js';
import { uploadImage } from '../schemas/media.js';
import { getNotifyConfig, setNotifyConfig } from '../schemas/notify-configs.js';
import {
  createProductCoupon,
  deactivateProductCoupon,
  getProductCoupon,
  modifyProductCoupon,
} from '../schemas/product-coupons.js';
import { addStockBundle, modifyStockBundle, updateStockBundleBudget } from '../schemas/stock-bundles.js';
import { addStock, deactivateStock, getStock, listStocks, modifyStock, updateStockBudget } from '../schemas/stocks.js';
import {
  associateBundleStores,
  associateStockStores,
  disassociateBundleStores,
  disassociateStockStores,
  listAssociatedStores,
} from '../schemas/stores.js';
import {
  confirmUserCoupon,
  deactivateUserCoupon,
  deactivateUserCouponBundle,
  getUserCoupon,
  listUserCoupons,
  returnUserCoupon,
  useUserCoupon,
} from '../schemas/user-coupons.js';
import { addStock as addSingleStock } from '../services/catalog/add-stock.js';
import * as budgets from '../services/catalog/budget.js';
import * as bundles from '../services/catalog/bundles.js';
import * as codes from '../services/catalog/coupon-codes.js';
import * as creation from '../services/catalog/create.js';
import { deactivateStock as deactivateSingleStock } from '../services/catalog/deactivate-stock.js';
import { modifyStock as modifySingleStock } from '../services/catalog/modify-stock.js';
import * as productCoupons from '../services/catalog/product-coupons.js';
import * as stocks from '../services/catalog/stocks.js';
import type { ServiceDeps } from '../services/deps.js';
import * as presend from '../services/issuance/presend.js';
import * as sending from '../services/issuance/send.js';
import * as confirmation from '../services/lifecycle/confirm.js';
import * as deactivation from '../services/lifecycle/deactivate.js';
import { deactivateUserCoupon as deactivateSingleCoupon } from '../services/lifecycle/deactivate-coupon.js';
import type { LifecycleJobs } from '../services/lifecycle/jobs.js';
import * as returns from '../services/lifecycle/return.js';
import * as usage from '../services/lifecycle/use.js';
import { createImageTask } from '../services/media/generation/create.js';
import { getImageTask } from '../services/media/generation/query.js';
import * as media from '../services/media/upload.js';
import * as notifyConfigs from '../services/notify-configs.js';
import { changeBundleStores, changeStockStores } from '../services/stores/change.js';
import * as stores from '../services/stores/list.js';
import * as userCoupons from '../services/user-coupons/queries.js';
import { originOf } from './origin.js';
import type { Metrics } from './plugins/metrics.js';
import { type EndpointHandler, type EndpointInput, registerEndpoint, type WechatRouter } from './wechat-route.js';

/** What a handler may use besides its input: the services' dependencies, the metrics and the background jobs. */
interface HandlerContext {
  deps: ServiceDeps;
  metrics: Metrics;
  jobs: LifecycleJobs;
}

/** One WeChat endpoint and the service call that answers it. */
interface Entry {
  register(app: FastifyInstance, router: WechatRouter, context: HandlerContext): void;
}

function handle<E extends EndpointDef>(
  endpoint: E,
  answer: (context: HandlerContext, input: EndpointInput<E>) => ReturnType<EndpointHandler<E>>,
): Entry {
  return {
    register: (app, router, context) => registerEndpoint(app, router, endpoint, (input) => answer(context, input)),
  };
}

/** A sending API's answer, counted by outcome in the issuance metric (channel `API`). */
async function counted<T>(metrics: Metrics, sending: Promise<T>): Promise<T> {
  try {
    const sent = await sending;
    metrics.issuance.inc({ channel: 'API', outcome: 'RECEIVED' });
    return sent;
  } catch (error) {
    metrics.issuance.inc({ channel: 'API', outcome: (error as { code?: string }).code ?? 'ERROR' });
    throw error;
  }
}

/**
 * Endpoint → handler: each handler only passes the caller (`mchid`) and the validated path, query and body to its
 * service. The pipeline around it (authentication, rate limit, faults, validation, signing, error bodies) is the same
 * for every entry (`registerEndpoint`, `v3Plugin`).
 */
export const ENDPOINT_TABLE: Entry[] = [
  handle(setNotifyConfig, ({ deps }, { mchid, body }) => notifyConfigs.setNotifyConfig(deps, mchid, body.notify_url)),
  handle(getNotifyConfig, ({ deps }, { mchid }) => notifyConfigs.getNotifyConfig(deps, mchid)),
  handle(createProductCoupon, ({ deps }, { mchid, body }) => creation.createProductCoupon(deps, mchid, body)),
  handle(getProductCoupon, ({ deps }, { mchid, params, query }) =>
    productCoupons.getProductCoupon(deps, mchid, params.product_coupon_id, query.brand_id),
  ),
  handle(modifyProductCoupon, ({ deps }, { mchid, params, body }) =>
    productCoupons.modifyProductCoupon(deps, mchid, params.product_coupon_id, body),
  ),
  handle(deactivateProductCoupon, ({ deps }, { mchid, params, body }) =>
    productCoupons.deactivateProductCoupon(deps, mchid, params.product_coupon_id, body),
  ),
  handle(addStockBundle, ({ deps }, { mchid, params, body }) =>
    bundles.addStockBundle(deps, mchid, params.product_coupon_id, body),
  ),
  handle(modifyStockBundle, ({ deps }, { mchid, params, body }) =>
    bundles.modifyStockBundle(deps, mchid, params, body),
  ),
  handle(updateStockBundleBudget, ({ deps }, { mchid, params, body }) =>
    budgets.updateBundleBudget(deps, mchid, params, body),
  ),
  handle(addStock, ({ deps }, { mchid, params, body }) => addSingleStock(deps, mchid, params.product_coupon_id, body)),
  handle(listStocks, ({ deps }, { mchid, params, query }) =>
    stocks.listStocks(deps, mchid, params.product_coupon_id, query),
  ),
  handle(getStock, ({ deps }, { mchid, params, query }) => stocks.getStock(deps, mchid, params, query.brand_id)),
  handle(modifyStock, ({ deps }, { mchid, params, body }) => modifySingleStock(deps, mchid, params, body)),
  handle(updateStockBudget, ({ deps }, { mchid, params, body }) =>
    budgets.updateStockBudget(deps, mchid, params, body),
  ),
  handle(deactivateStock, ({ deps }, { mchid, params, body }) => deactivateSingleStock(deps, mchid, params, body)),
  handle(uploadCouponCodes, ({ deps }, { mchid, params, body }) => codes.uploadCouponCodes(deps, mchid, params, body)),
  handle(associateBundleStores, ({ deps }, { mchid, params, body }) =>
    changeBundleStores('associate')(deps, mchid, params, body),
  ),
  handle(disassociateBundleStores, ({ deps }, { mchid, params, body }) =>
    changeBundleStores('disassociate')(deps, mchid, params, body),
  ),
  handle(associateStockStores, ({ deps }, { mchid, params, body }) =>
    changeStockStores('associate')(deps, mchid, params, body),
  ),
  handle(disassociateStockStores, ({ deps }, { mchid, params, body }) =>
    changeStockStores('disassociate')(deps, mchid, params, body),
  ),
  handle(listAssociatedStores, ({ deps }, { mchid, params, query }) =>
    stores.listAssociatedStores(deps, mchid, params, query),
  ),
  handle(sendCouponBundle, ({ deps, metrics }, { mchid, params, body }) =>
    counted(metrics, sending.sendBundle(deps, mchid, params.openid, body)),
  ),
  handle(sendCoupon, ({ deps, metrics }, { mchid, params, body }) =>
    counted(metrics, sending.sendSingle(deps, mchid, params.openid, body)),
  ),
  handle(preSendCoupon, ({ deps }, { mchid, params, body }) => presend.preSendSingle(deps, mchid, params.openid, body)),
  handle(preSendCouponBundle, ({ deps }, { mchid, params, body }) => presend.preSend(deps, mchid, params.openid, body)),
  handle(getUserCoupon, ({ deps }, { mchid, params, query }) =>
    userCoupons.getUserCoupon(deps, mchid, params.openid, params.coupon_code, query),
  ),
  handle(listUserCoupons, ({ deps }, { mchid, params, query }) =>
    userCoupons.listUserCoupons(deps, mchid, params.openid, query),
  ),
  handle(confirmUserCoupon, ({ deps }, { mchid, params, body }) =>
    confirmation.confirmUserCoupon(deps, mchid, params.openid, params.coupon_code, body),
  ),
  handle(useUserCoupon, ({ deps }, { mchid, params, body }) =>
    usage.useUserCoupon(deps, mchid, params.openid, params.coupon_code, body),
  ),
  handle(returnUserCoupon, ({ deps }, { mchid, params, body }) =>
    returns.returnUserCoupon(deps, mchid, params.openid, params.coupon_code, body),
  ),
  handle(deactivateUserCoupon, ({ deps }, { mchid, params, body }) =>
    deactivateSingleCoupon(deps, mchid, params.openid, params.coupon_code, body),
  ),
  handle(deactivateUserCouponBundle, ({ deps }, { mchid, params, body }) =>
    deactivation.deactivateUserCouponBundle(deps, mchid, params.openid, params.user_coupon_bundle_id, body),
  ),
  handle(uploadImage, ({ deps }, { mchid, body, file, request }) =>
    media.uploadImage(deps, mchid, body, file, originOf(request)),
  ),
  handle(createImageGenerationTask, async ({ deps, jobs }, { mchid, body, request }) => {
    const answer = await createImageTask(deps, mchid, body, originOf(request));
    // A task due at once is rendered now rather than at the job's next tick; the job retries what fails here.
    jobs.images.run().catch(() => undefined);
    return answer;
  }),
  handle(getImageGenerationTask, ({ deps }, { mchid, params, query, request }) =>
    getImageTask(deps, mchid, params.task_id, query, originOf(request)),
  ),
];

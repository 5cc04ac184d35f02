import type { FastifyInstance } from 'fastify';
import { registerResponseSigning } from './plugins/sign-response.js';
import { couponCodeRoutes } from './routes/coupon-codes.js';
import { mediaRoutes } from './routes/media.js';
import { notifyConfigRoutes } from './routes/notify-configs.js';
import { productCouponRoutes } from './routes/product-coupons.js';
import { stockBundleRoutes } from './routes/stock-bundles.js';
import { stockRoutes } from './routes/stocks.js';
import { storeRoutes } from './routes/stores.js';
import { deactivateBundleRoutes } from './routes/users.coupon-bundles.deactivate.js';
import { sendBundleRoutes } from './routes/users.coupon-bundles.js';
import { confirmCouponRoutes } from './routes/users.coupons.confirm.js';
import { userCouponQueryRoutes } from './routes/users.coupons.js';
import { returnCouponRoutes } from './routes/users.coupons.return.js';
import { sendSingleRoutes } from './routes/users.coupons.send.js';
import { useCouponRoutes } from './routes/users.coupons.use.js';
import { preSendSingleRoutes } from './routes/users.pre-send-coupon.js';
import { preSendRoutes } from './routes/users.pre-send-coupon-bundle.js';
import type { WechatRouter } from './wechat-route.js';

/** The route files of the WeChat endpoints; each registers its endpoints with `registerEndpoint`. */
const ROUTES: ((app: FastifyInstance, router: WechatRouter) => void)[] = [
  notifyConfigRoutes,
  productCouponRoutes,
  stockBundleRoutes,
  stockRoutes,
  storeRoutes,
  couponCodeRoutes,
  preSendRoutes,
  sendBundleRoutes,
  preSendSingleRoutes,
  sendSingleRoutes,
  userCouponQueryRoutes,
  confirmCouponRoutes,
  useCouponRoutes,
  returnCouponRoutes,
  deactivateBundleRoutes,
  mediaRoutes,
];

/**
 * `/v3`, WeChat's API, as an encapsulated Fastify plugin: every endpoint runs the pipeline of `registerEndpoint`
 * (authentication, rate limit, faults, validation), and the response-signing hook belongs to this plugin alone, so
 * no other surface's answer passes through it.
 */
export function v3Plugin(router: WechatRouter) {
  return async (v3: FastifyInstance): Promise<void> => {
    registerResponseSigning(v3, router.ctx);
    for (const routes of ROUTES) routes(v3, router);
  };
}

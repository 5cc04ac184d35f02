import type { FastifyInstance } from 'fastify';
import type { LifecycleJobs } from '../services/lifecycle/jobs.js';
import { ENDPOINT_TABLE } from './endpoint-table.js';
import { registerResponseSigning } from './plugins/sign-response.js';
import { imageGenerationRoutes } from './routes/image-generation.js';
import { mediaRoutes } from './routes/media.js';
import { stockRoutes } from './routes/stocks.js';
import { deactivateBundleRoutes } from './routes/users.coupon-bundles.deactivate.js';
import { sendBundleRoutes } from './routes/users.coupon-bundles.js';
import { confirmCouponRoutes } from './routes/users.coupons.confirm.js';
import { deactivateCouponRoutes } from './routes/users.coupons.deactivate.js';
import { userCouponQueryRoutes } from './routes/users.coupons.js';
import { returnCouponRoutes } from './routes/users.coupons.return.js';
import { sendSingleRoutes } from './routes/users.coupons.send.js';
import { useCouponRoutes } from './routes/users.coupons.use.js';
import { preSendSingleRoutes } from './routes/users.pre-send-coupon.js';
import { preSendRoutes } from './routes/users.pre-send-coupon-bundle.js';
import type { WechatRouter } from './wechat-route.js';

/** Single stocks, issuance, the user-coupon lifecycle and media: route files that call `registerEndpoint` themselves. */
const ROUTES: ((app: FastifyInstance, router: WechatRouter) => void)[] = [
  stockRoutes,
  preSendRoutes,
  sendBundleRoutes,
  preSendSingleRoutes,
  sendSingleRoutes,
  userCouponQueryRoutes,
  confirmCouponRoutes,
  useCouponRoutes,
  returnCouponRoutes,
  deactivateBundleRoutes,
  deactivateCouponRoutes,
  mediaRoutes,
];

/**
 * `/v3`, WeChat's API, as an encapsulated Fastify plugin: every endpoint runs the pipeline of `registerEndpoint`
 * (authentication, rate limit, faults, validation), and the response-signing hook belongs to this plugin alone, so
 * no other surface's answer passes through it.
 */
export function v3Plugin(router: WechatRouter, jobs: LifecycleJobs) {
  return async (v3: FastifyInstance): Promise<void> => {
    registerResponseSigning(v3, router.ctx);
    for (const entry of ENDPOINT_TABLE) entry.register(v3, router);
    for (const routes of ROUTES) routes(v3, router);
    imageGenerationRoutes(v3, router, jobs.images);
  };
}

import type { FastifyInstance } from 'fastify';
import type { LifecycleJobs } from '../services/lifecycle/jobs.js';
import { ENDPOINT_TABLE } from './endpoint-table.js';
import { registerResponseSigning } from './plugins/sign-response.js';
import { imageGenerationRoutes } from './routes/image-generation.js';
import { mediaRoutes } from './routes/media.js';
import { stockRoutes } from './routes/stocks.js';
import { sendBundleRoutes } from './routes/users.coupon-bundles.js';
import { deactivateCouponRoutes } from './routes/users.coupons.deactivate.js';
import { sendSingleRoutes } from './routes/users.coupons.send.js';
import { preSendSingleRoutes } from './routes/users.pre-send-coupon.js';
import type { WechatRouter } from './wechat-route.js';

/** Single stocks, sending, single-coupon issuance and deactivation, media: route files that call `registerEndpoint`. */
const ROUTES: ((app: FastifyInstance, router: WechatRouter) => void)[] = [
  stockRoutes,
  sendBundleRoutes,
  preSendSingleRoutes,
  sendSingleRoutes,
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

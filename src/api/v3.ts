import type { FastifyInstance } from 'fastify';
import type { LifecycleJobs } from '../services/lifecycle/jobs.js';
import type { AppContext } from './context.js';
import { ENDPOINT_TABLE } from './endpoint-table.js';
import { registerResponseSigning } from './plugins/sign-response.js';
import { registerRawBody } from './raw-body.js';
import type { WechatRouter } from './wechat-route.js';

/** What a scope serving WeChat's API needs: bodies kept as bytes for the signature check, and signed answers. */
export function registerWechatScope(scope: FastifyInstance, ctx: AppContext): void {
  registerRawBody(scope);
  registerResponseSigning(scope, ctx);
}

/**
 * `/v3`, WeChat's API, as an encapsulated Fastify plugin: every entry of `ENDPOINT_TABLE` runs the pipeline of
 * `registerEndpoint` (authentication, rate limit, faults, validation). The raw-body parser and the response-signing
 * hook belong to this plugin alone: its bodies stay bytes until the signature verified, and no other surface's
 * answer is signed.
 */
export function v3Plugin(router: WechatRouter, jobs: LifecycleJobs) {
  const context = { deps: router.ctx.deps, metrics: router.ctx.metrics, jobs };
  return async (v3: FastifyInstance): Promise<void> => {
    registerWechatScope(v3, router.ctx);
    for (const entry of ENDPOINT_TABLE) entry.register(v3, router, context);
  };
}

import type { FastifyInstance } from 'fastify';
import type { LifecycleJobs } from '../services/lifecycle/jobs.js';
import { ADMIN_PREFIX } from './admin/guard.js';
import { adminPlugin } from './admin/plugin.js';
import { componentRoutes } from './component/routes.js';
import { consoleRoutes } from './console/routes.js';
import { registerJsonBody } from './json-body.js';
import { healthRoutes } from './routes/health.js';
import { mediaImageRoute } from './routes/media-images.js';
import { openapiRoute } from './routes/openapi.js';
import { notifySinkRoutes } from './sandbox/notify-sink.js';
import { sandboxPlugin } from './sandbox/routes.js';
import { registerBrokenEscapeCheck } from './url-escapes.js';
import type { WechatRouter } from './wechat-route.js';

/**
 * Everything but `/v3`, as an encapsulated Fastify plugin: health, `/openapi.json`, image URLs, the console's page,
 * the receiving component, and the admin and sandbox APIs, each of those last three a plugin of its own with its
 * hooks (the admin token, for instance). A URL with broken `%`-escapes is refused here before any route runs, and
 * bodies are JSON read by the one parser of `json-body.ts` (the notify sink alone keeps raw bytes: it checks a
 * signature over them).
 */
export function surfacesPlugin(router: WechatRouter, jobs: LifecycleJobs) {
  const { ctx } = router;
  return async (app: FastifyInstance): Promise<void> => {
    registerBrokenEscapeCheck(app);
    registerJsonBody(app);
    healthRoutes(app, ctx);
    openapiRoute(app);
    mediaImageRoute(app, ctx);
    consoleRoutes(app);
    componentRoutes(app, ctx);
    app.register(adminPlugin(ctx, jobs), { prefix: ADMIN_PREFIX });
    if (ctx.deps.sandbox) app.register(sandboxPlugin(ctx, jobs, router.faults), { prefix: '/sandbox/v1' });
    notifySinkRoutes(app, ctx);
  };
}

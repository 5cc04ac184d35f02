import type { FastifyInstance } from 'fastify';
import type { LifecycleJobs } from '../../services/lifecycle/jobs.js';
import type { AppContext } from '../context.js';
import { adminConsoleRoutes } from './console.js';
import { requireAdmin } from './guard.js';
import { adminTenantRoutes } from './tenants.js';
import { adminWebhookRoutes } from './webhooks.js';

/**
 * `/admin/v1` as an encapsulated plugin (registered under `ADMIN_PREFIX`): tenants, stores, the webhook log and the
 * console's JSON API, every route behind the one admin-token hook,
 * which runs before the body is read.
 */
export function adminPlugin(ctx: AppContext, jobs: LifecycleJobs) {
  return async (admin: FastifyInstance): Promise<void> => {
    admin.addHook('onRequest', async (request) => requireAdmin(request, ctx.adminToken));
    adminTenantRoutes(admin, ctx);
    adminWebhookRoutes(admin, ctx, jobs);
    adminConsoleRoutes(admin, ctx);
  };
}

import type { FastifyInstance } from 'fastify';
import type { LifecycleJobs } from '../../services/lifecycle/jobs.js';
import { requireAdmin } from '../admin/guard.js';
import { webhookHandlers } from '../admin/webhooks.js';
import type { AppContext } from '../context.js';
import { sandboxClockRoutes } from './clock.js';

/** `/sandbox/v1` (D-20), registered only with `--sandbox`, behind the admin token. */
export function sandboxRoutes(app: FastifyInstance, ctx: AppContext, jobs: LifecycleJobs): void {
  if (!ctx.deps.sandbox) return;
  const webhooks = webhookHandlers(ctx, jobs);
  app.register(
    async (sandbox) => {
      sandbox.addHook('preHandler', async (request) => requireAdmin(request, ctx.adminToken));
      sandboxClockRoutes(sandbox, ctx, jobs);
      sandbox.get('/webhooks', webhooks.list);
      sandbox.post('/webhooks/:event_id/redeliver', async (req, reply) =>
        reply.status(202).send(await webhooks.redeliver(req)),
      );
      sandbox.post('/reset', async (_req, reply) => {
        await ctx.deps.store.wipeBusinessData();
        return reply.status(204).send();
      });
    },
    { prefix: '/sandbox/v1' },
  );
}

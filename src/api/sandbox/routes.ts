import type { FastifyInstance } from 'fastify';
import type { LifecycleJobs } from '../../services/lifecycle/jobs.js';
import { requireAdmin } from '../admin/guard.js';
import { webhookHandlers } from '../admin/webhooks.js';
import type { AppContext } from '../context.js';
import type { FaultTable } from '../fault-table.js';
import { faultRoutes } from '../faults.js';
import { sandboxClockRoutes } from './clock.js';

/**
 * `/sandbox/v1` (D-20) as an encapsulated plugin, registered only with `--sandbox`: the test clock, faults, the
 * webhook log and the data reset, every route behind the one admin-token hook,
 * which runs before the body is read.
 */
export function sandboxPlugin(ctx: AppContext, jobs: LifecycleJobs, faults: FaultTable | null) {
  const webhooks = webhookHandlers(ctx, jobs);
  return async (sandbox: FastifyInstance): Promise<void> => {
    sandbox.addHook('onRequest', async (request) => requireAdmin(request, ctx.adminToken));
    sandboxClockRoutes(sandbox, ctx, jobs);
    if (faults) faultRoutes(sandbox, faults);
    sandbox.get('/webhooks', webhooks.list);
    sandbox.post('/webhooks/:event_id/redeliver', async (req, reply) =>
      reply.status(202).send(await webhooks.redeliver(req)),
    );
    sandbox.post('/reset', async (_req, reply) => {
      await ctx.deps.store.wipeBusinessData();
      return reply.status(204).send();
    });
  };
}

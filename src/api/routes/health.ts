import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await ctx.deps.store.ping();
      return { status: 'ready', store: ctx.deps.store.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', store: ctx.deps.store.kind });
    }
  });
}

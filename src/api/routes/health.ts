import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

/** `/readyz` answers within this, whatever the store does (D-31). */
export const READY_CHECK_MS = 1000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { store } = ctx.deps;
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await within(store.ping(), READY_CHECK_MS);
      return { status: 'ready', store: store.kind };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.status(503).send({ status: 'unavailable', store: store.kind });
    }
  });
}

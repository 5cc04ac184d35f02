import type { FastifyInstance } from 'fastify';

/**
 * Shutdown (D-33): once closing starts, every answer still being sent carries `Connection: close`, so keep-alive
 * connections end after their request in flight instead of idling until the keep-alive timeout.
 */
export function registerDrain(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('Connection', 'close');
  });
}

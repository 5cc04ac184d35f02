import { Headers } from '@coupond/client/protocol';
import type { FastifyInstance } from 'fastify';

/** Every answer, on every surface, names the request it answers (`Request-ID`). */
export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(Headers.requestId, request.id);
  });
}

import type { FastifyInstance } from 'fastify';
import { buildOpenApi } from '../openapi.js';

export function openapiRoute(app: FastifyInstance): void {
  const document = JSON.stringify(buildOpenApi());
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
}

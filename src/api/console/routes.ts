import type { FastifyInstance, FastifyReply } from 'fastify';
import { createConsoleAssets } from '../../console/assets.js';
import { CONSOLE_ASSET_BASE, consolePage } from '../../console/page.js';

const page = consolePage();

/**
 * `/console` and every deep link under it serve the same page; `/console/assets/…` its script and stylesheet.
 * The page itself holds no data: everything comes from the admin API with the token the user signs in with (D-63).
 */
export function consoleRoutes(app: FastifyInstance): void {
  const asset = createConsoleAssets();
  const html = (_req: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(page);
  app.get('/console', html);
  app.get('/console/*', html);
  app.get(`${CONSOLE_ASSET_BASE}/:name`, async (req, reply) => {
    const found = await asset((req.params as { name: string }).name);
    if (!found) return reply.status(404).send({ code: 'NOT_FOUND', message: '资源不存在' });
    return reply.type(found.contentType).header('Cache-Control', 'no-cache').send(found.body);
  });
}

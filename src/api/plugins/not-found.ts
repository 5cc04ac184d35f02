import type { FastifyInstance } from 'fastify';
import { notImplemented } from '../../domain/errors.js';
import { FAMILY_PATHS } from '../family-paths.js';
import { PathTable } from '../path-table.js';

/**
 * Unknown path → 404 and wrong method → 405, both with an empty body as WeChat answers; a documented
 * product-coupon path that coupond does not implement → 501 NOT_IMPLEMENTED (D-18).
 */
export function registerNotFound(app: FastifyInstance, implemented: PathTable): void {
  const family = new PathTable();
  for (const [method, path] of FAMILY_PATHS) family.add(method, path);
  app.setNotFoundHandler((request, reply) => {
    const path = (request.raw.url ?? request.url).split('?')[0] ?? '';
    // A documented method coupond lacks is 501 even where the path serves other methods (GET but not POST …/coupons).
    if (family.methodsFor(path).includes(request.method)) {
      const e = notImplemented(`${request.method} ${path}`);
      return reply.status(e.httpStatus).type('application/json; charset=utf-8').send(e.toBody());
    }
    const methods = implemented.methodsFor(path);
    return reply.status(methods.length > 0 ? 405 : 404).send();
  });
}

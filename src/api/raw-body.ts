import type { FastifyInstance } from 'fastify';
import { BODY_LIMIT_BYTES } from './plugins/errors.js';

/**
 * Every body is kept as the exact bytes received: the API v3 signature covers them, so JSON is parsed only after
 * the signature verified. Bodies over 64 KiB are refused before anything reads them.
 */
export function registerRawBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    request.rawBody = body as Buffer;
    done(null, undefined);
  });
}

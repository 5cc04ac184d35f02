import type { FastifyInstance } from 'fastify';
import { BODY_LIMIT_BYTES } from './plugins/errors.js';

/** What every body is parsed as: raw bytes, whatever the client declared. */
const RAW = 'application/octet-stream';

/**
 * Every body is kept as the exact bytes received: the API v3 signature covers them, so JSON is parsed only after
 * the signature verified. Bodies over 64 KiB are refused before anything reads them.
 *
 * The declared `Content-Type` is kept aside (`request.declaredContentType`) and Fastify sees a fixed one, so a
 * header it cannot parse (empty, no subtype) does not end the request before authentication with an unsigned
 * answer: the endpoint checks the header itself and answers a signed `INVALID_REQUEST` (D-45).
 */
export function registerRawBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addHook('onRequest', async (request) => {
    const declared = request.headers['content-type'];
    if (declared === undefined) return;
    request.declaredContentType = declared;
    request.headers['content-type'] = RAW;
  });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    request.rawBody = body as Buffer;
    done(null, undefined);
  });
}

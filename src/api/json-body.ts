import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidRequest, paramError } from '../domain/errors.js';
import { parseJsonText } from '../schemas/json-text.js';

/**
 * The body parser of coupond's own APIs (component, admin, sandbox): whatever type the client declared, the body is
 * read as text and parsed with WeChat's whole-body errors (`parseJsonText`); no body, or a blank one, reads as `{}`.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, async (_request: FastifyRequest, text: string) =>
    text.trim() === '' ? {} : parseJsonText(text),
  );
  app.addHook('preValidation', async (request) => {
    request.body ??= {};
  });
}

/**
 * A `/v3` endpoint's JSON body: the bytes `raw-body.ts` kept, once the signature verified. It requires
 * `Content-Type: application/json`, checked after authentication (D-45), and a body; then the same `parseJsonText`.
 */
export function wechatJsonBody(request: FastifyRequest): unknown {
  const text = request.rawBody?.toString('utf8') ?? '';
  const type = request.declaredContentType ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw invalidRequest('Http头Content-Type值必须为application/json', {
      location: 'header',
      field: 'Content-Type',
      value: type,
    });
  if (text.trim() === '') throw paramError('请求体为空，需要 JSON 对象', { location: 'body', value: '' });
  return parseJsonText(text);
}

import type { FastifyRequest } from 'fastify';
import { invalidRequest, paramError } from '../domain/errors.js';
import { parseJsonText } from '../schemas/json-text.js';

/**
 * The one JSON body reader: the bytes `raw-body.ts` kept, parsed with WeChat's whole-body errors (`parseJsonText`).
 * A `/v3` endpoint (`wechat`) requires `Content-Type: application/json`, checked after authentication (D-45), and a
 * body; coupond's own APIs (admin, sandbox, component) read an empty body as `{}`.
 */
export function jsonBody(request: FastifyRequest, wechat = false): unknown {
  const text = request.rawBody?.toString('utf8') ?? '';
  if (!wechat) return text.trim() === '' ? {} : parseJsonText(text);
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

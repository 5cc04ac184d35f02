import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EndpointDef } from '../schemas/endpoint.js';
import { precompile, validate } from '../schemas/validate.js';
import type { AppContext } from './context.js';
import type { FaultTable } from './fault-table.js';
import { wechatJsonBody } from './json-body.js';
import { MEDIA_BODY_LIMIT_BYTES, mediaParts, readMediaForm, signedMediaText } from './media-request.js';
import type { FormPart } from './multipart.js';
import type { PathTable } from './path-table.js';
import { authenticate } from './plugins/authenticate.js';
import type { RateLimiter } from './plugins/rate-limit.js';
import { refuseBrokenEscapes } from './url-escapes.js';

type Part<S> = S extends TSchema ? Static<S> : undefined;

export interface EndpointInput<E extends EndpointDef> {
  mchid: string;
  params: Part<E['params']>;
  query: Part<E['query']>;
  body: Part<E['body']>;
  /** The `file` part of a media upload (D-90). */
  file?: FormPart;
  request: FastifyRequest;
}

export type EndpointHandler<E extends EndpointDef> = (
  input: EndpointInput<E>,
) => Promise<E['response'] extends TSchema ? Static<E['response']> : undefined>;

export interface WechatRouter {
  ctx: AppContext;
  limiter: RateLimiter | null;
  paths: PathTable;
  /** Present in sandbox mode only (D-20). */
  faults: FaultTable | null;
}

const toFastifyPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * Registers one WeChat endpoint: authenticate → rate limit → parse JSON → validate path, query, body → handler.
 * The handler's result is the response body (204 when the endpoint has no response schema).
 */
export function registerEndpoint<E extends EndpointDef>(
  app: FastifyInstance,
  router: WechatRouter,
  endpoint: E,
  handler: EndpointHandler<E>,
): void {
  precompile(endpoint.params, endpoint.query, endpoint.body);
  router.paths.add(endpoint.method, endpoint.path);
  app.route({
    method: endpoint.method,
    url: toFastifyPath(endpoint.path),
    ...(endpoint.media ? { bodyLimit: MEDIA_BODY_LIMIT_BYTES } : {}),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = endpoint.media ? await readMediaForm(request) : null;
      const mchid = await authenticate(router.ctx, request, signedMediaText(form));
      router.limiter?.check(mchid, endpoint.rate, router.ctx.wireClock.now().getTime());
      if ((await router.faults?.apply(endpoint.name, reply)) === 'dropped') return reply;
      refuseBrokenEscapes(request);
      const params = parsePart(endpoint.params, request.params, 'uri_template');
      const query = parsePart(endpoint.query, request.query, 'query');
      const media = endpoint.media ? mediaParts(request, form) : undefined;
      const json = media ? media.meta : endpoint.body ? wechatJsonBody(request) : undefined;
      const body = endpoint.body ? validate(endpoint.body, json, 'body') : undefined;
      const input = { mchid, params, query, body, request, ...(media?.file ? { file: media.file } : {}) };
      const result = await handler(input as EndpointInput<E>);
      if (endpoint.response === undefined) return reply.status(204).send();
      return reply.status(200).type('application/json; charset=utf-8').send(JSON.stringify(result));
    },
  });
}

function parsePart(schema: TObject | undefined, value: unknown, location: 'query' | 'uri_template') {
  if (!schema) return undefined;
  return validate(schema, Value.Convert(schema, { ...(value as object) }), location);
}

import type { TSchema } from '@sinclair/typebox';
import { type Endpoints, endpoints } from '../schemas/endpoints.js';

type Json = Record<string, unknown>;

const strip = (schema: TSchema | undefined): Json | undefined =>
  schema === undefined ? undefined : (JSON.parse(JSON.stringify(schema)) as Json);

const errorBody = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, detail: { type: 'object' } },
};

/** A JSON body, or a media upload's form: the JSON `meta` part (the signed one, D-90) and the `file` part. */
function requestBodyOf(body: Json, media: boolean): Json {
  if (!media) return { required: true, content: { 'application/json': { schema: body } } };
  const schema = {
    type: 'object',
    required: ['meta', 'file'],
    properties: { meta: body, file: { type: 'string', contentMediaType: 'application/octet-stream' } },
  };
  return {
    required: true,
    content: { 'multipart/form-data': { schema, encoding: { meta: { contentType: 'application/json' } } } },
  };
}

/** OpenAPI 3.1 generated from the schema registry, the same source as validation and the SDK types. */
export function buildOpenApi(list: Endpoints = endpoints): Json {
  const paths: Record<string, Json> = {};
  for (const e of Object.values(list) as Endpoints[keyof Endpoints][]) {
    const parameters: Json[] = [];
    for (const [where, schema] of [
      ['path', 'params' in e ? e.params : undefined],
      ['query', 'query' in e ? e.query : undefined],
    ] as const) {
      const props = (schema as { properties?: Record<string, TSchema> } | undefined)?.properties ?? {};
      const required = new Set((schema as { required?: string[] } | undefined)?.required ?? []);
      for (const [name, s] of Object.entries(props))
        parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema: strip(s) });
    }
    const body = 'body' in e ? strip(e.body as TSchema) : undefined;
    const response = 'response' in e ? strip(e.response as TSchema) : undefined;
    paths[e.path] ??= {};
    (paths[e.path] as Json)[e.method.toLowerCase()] = {
      operationId: e.name,
      summary: e.summary,
      parameters,
      ...(body ? { requestBody: requestBodyOf(body, 'media' in e && e.media === true) } : {}),
      responses: {
        ...(response
          ? { '200': { description: 'OK', content: { 'application/json': { schema: response } } } }
          : { '204': { description: 'No Content' } }),
        default: { description: 'WeChat Pay error', content: { 'application/json': { schema: errorBody } } },
      },
      security: [{ wechatpay: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'coupond — WeChat Pay partner product-coupon API v3', version: '0.1.0' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        wechatpay: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'WECHATPAY2-SHA256-RSA2048' },
      },
    },
    paths,
  };
}

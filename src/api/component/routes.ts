import type { FastifyInstance } from 'fastify';
import {
  COMPONENT_ROUTES,
  type ComponentAsset,
  componentAsset,
  demoPageAsset,
  receivePageAsset,
} from '../../component/index.js';
import { CouponError } from '../../domain/errors.js';
import { COMPONENT_API_PREFIX, ComponentTokenParams, DemoPreSendBody } from '../../schemas/component.js';
import { validate } from '../../schemas/validate.js';
import { claimToken, previewToken } from '../../services/issuance/claim.js';
import { demoPreSend } from '../../services/issuance/demo.js';
import type { AppContext } from '../context.js';
import { withDemoImagesOf } from './demo-origin.js';

/** The receiving component (D-10), as an encapsulated plugin: its JSON API, the H5 page, the demo page, the bundle. */
export function componentRoutes(parent: FastifyInstance, ctx: AppContext): void {
  parent.register(async (app) => componentScope(app, ctx));
}

function componentScope(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const send = (reply: import('fastify').FastifyReply, asset: ComponentAsset | null) =>
    asset === null
      ? reply.status(404).send()
      : reply.type(asset.contentType).header('Cache-Control', 'no-cache').send(asset.body);

  app.get(`${COMPONENT_API_PREFIX}/tokens/:token`, async (req, reply) => {
    const { token } = validate(ComponentTokenParams, req.params, 'uri_template');
    reply.header('Access-Control-Allow-Origin', '*');
    const preview = await previewToken(deps, token);
    return preview.coupon ? { ...preview, coupon: withDemoImagesOf(req, preview.coupon) } : preview;
  });
  app.post(`${COMPONENT_API_PREFIX}/tokens/:token/claim`, async (req, reply) => {
    const { token } = validate(ComponentTokenParams, req.params, 'uri_template');
    reply.header('Access-Control-Allow-Origin', '*');
    const answer = await claimToken(deps, token);
    ctx.metrics.issuance.inc({ channel: 'RECEIVE_COMPONENT', outcome: answer.result });
    return answer;
  });
  const sandboxOnly = async () => {
    if (!deps.sandbox) throw new CouponError('NOT_FOUND', '演示接口仅在 sandbox 模式下可用', 404);
  };
  app.post(`${COMPONENT_API_PREFIX}/demo/pre-send`, { onRequest: sandboxOnly }, async (req) =>
    demoPreSend(deps, validate(DemoPreSendBody, req.body, 'body')),
  );
  app.get(COMPONENT_ROUTES.receive, async (req, reply) => {
    const token = (req.query as Record<string, string | undefined>).token;
    return send(reply, receivePageAsset(token));
  });
  app.get(COMPONENT_ROUTES.demo, async (_req, reply) => send(reply, demoPageAsset()));
  app.get(`${COMPONENT_ROUTES.assets}*`, async (req, reply) => {
    const name = (req.params as Record<string, string>)['*'] ?? '';
    return send(reply, await componentAsset(name));
  });
}

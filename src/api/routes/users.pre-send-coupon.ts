import type { FastifyInstance } from 'fastify';
import { preSendCoupon } from '../../schemas/issuance.js';
import { preSendSingle } from '../../services/issuance/presend.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function preSendSingleRoutes(app: FastifyInstance, router: WechatRouter): void {
  registerEndpoint(app, router, preSendCoupon, ({ mchid, params, body }) =>
    preSendSingle(router.ctx.deps, mchid, params.openid, body),
  );
}

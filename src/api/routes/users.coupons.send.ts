import type { FastifyInstance } from 'fastify';
import { sendCoupon } from '../../schemas/issuance.js';
import { sendSingle } from '../../services/issuance/send.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function sendSingleRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps, metrics } = router.ctx;
  registerEndpoint(app, router, sendCoupon, async ({ mchid, params, body }) => {
    try {
      const sent = await sendSingle(deps, mchid, params.openid, body);
      metrics.issuance.inc({ channel: 'API', outcome: 'RECEIVED' });
      return sent;
    } catch (error) {
      metrics.issuance.inc({ channel: 'API', outcome: (error as { code?: string }).code ?? 'ERROR' });
      throw error;
    }
  });
}

import type { FastifyInstance } from 'fastify';
import { sendCouponBundle } from '../../schemas/issuance.js';
import { sendBundle } from '../../services/issuance/send.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function sendBundleRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps, metrics } = router.ctx;
  registerEndpoint(app, router, sendCouponBundle, async ({ mchid, params, body }) => {
    try {
      const sent = await sendBundle(deps, mchid, params.openid, body);
      metrics.issuance.inc({ channel: 'API', outcome: 'RECEIVED' });
      return sent;
    } catch (error) {
      metrics.issuance.inc({ channel: 'API', outcome: (error as { code?: string }).code ?? 'ERROR' });
      throw error;
    }
  });
}

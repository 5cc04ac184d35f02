import type { FastifyInstance } from 'fastify';
import { getNotifyConfig, setNotifyConfig } from '../../schemas/notify-configs.js';
import * as service from '../../services/notify-configs.js';
import { registerEndpoint, type WechatRouter } from '../wechat-route.js';

export function notifyConfigRoutes(app: FastifyInstance, router: WechatRouter): void {
  const { deps } = router.ctx;
  registerEndpoint(app, router, setNotifyConfig, ({ mchid, body }) =>
    service.setNotifyConfig(deps, mchid, body.notify_url),
  );
  registerEndpoint(app, router, getNotifyConfig, ({ mchid }) => service.getNotifyConfig(deps, mchid));
}

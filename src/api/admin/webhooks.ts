import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listWebhookDeliveries, redeliverWebhook } from '../../notify/index.js';
import { Mchid } from '../../schemas/admin.js';
import { validate } from '../../schemas/validate.js';
import type { LifecycleJobs } from '../../services/lifecycle/jobs.js';
import type { AppContext } from '../context.js';
import { adminQuery } from './guard.js';

export const DeliveryListQuery = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('PENDING'), Type.Literal('DELIVERED'), Type.Literal('FAILED')])),
    mchid: Type.Optional(Mchid),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export const EventParams = Type.Object({ event_id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The webhook log: every delivery with its attempts, and redelivery of one (admin API and sandbox alias). */
export function webhookHandlers(ctx: AppContext, jobs: LifecycleJobs) {
  const { store, clock } = ctx.deps;
  return {
    list: (req: FastifyRequest) => listWebhookDeliveries(store, adminQuery(DeliveryListQuery, req)),
    redeliver: async (req: FastifyRequest) => {
      const { event_id } = validate(EventParams, req.params, 'uri_template');
      const delivery = await redeliverWebhook(store, event_id, clock.now());
      jobs.dispatcher.wake();
      return delivery;
    },
  };
}

/** `GET /admin/v1/webhooks`, `POST /admin/v1/webhooks/{event_id}/redeliver`. */
export function adminWebhookRoutes(admin: FastifyInstance, ctx: AppContext, jobs: LifecycleJobs): void {
  const handlers = webhookHandlers(ctx, jobs);
  admin.get('/webhooks', handlers.list);
  admin.post('/webhooks/:event_id/redeliver', async (req, reply) =>
    reply.status(202).send(await handlers.redeliver(req)),
  );
}

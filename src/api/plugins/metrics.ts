import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server: requests, latency, issuance outcomes, process. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'coupond_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'coupond_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly issuance = new Counter({
    name: 'coupond_issuance_outcomes_total',
    help: 'Bundle issuance attempts by channel and outcome (RECEIVED, SOLD_OUT, …)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookAttempts = new Counter({
    name: 'coupond_webhook_attempts_total',
    help: 'Callback delivery attempts by what became of the event (DELIVERED, RETRY, FAILED)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly outboxLag = new Histogram({
    name: 'coupond_outbox_lag_seconds',
    help: 'How late a callback attempt started after it was due',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'coupond_' });
  }
}

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}

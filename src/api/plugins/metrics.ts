import Fastify, { type FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Store } from '../../store/port.js';
import { requireBearer } from '../admin/guard.js';
import { registerErrorHandler } from './errors.js';

/** The store's group-committed calls by kind, read when scraped: `calls` or the `commands` they carried (D-131). */
function batchCounter(registry: Registry, store: Store, field: 'calls' | 'commands', help: string) {
  return new Counter({
    name: field === 'calls' ? 'coupond_db_batches_total' : 'coupond_db_batched_commands_total',
    help,
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [kind, count] of Object.entries(store.batchCounts())) this.inc({ kind }, count[field]);
    },
  });
}

/** Prometheus metrics of one server: requests, latency, issuance outcomes, database batches, process. */
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

  constructor(store: Store) {
    collectDefaultMetrics({ register: this.registry, prefix: 'coupond_' });
    batchCounter(this.registry, store, 'calls', 'Group-committed database calls by kind (issue, nonce, write, …)');
    batchCounter(this.registry, store, 'commands', 'Requests those calls carried, by kind: divided by calls, how full');
  }
}

export interface MetricsAccess {
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  token?: string;
  /** Serve `/metrics` on its own server (`--metrics-port`) instead of the API's. */
  separate?: boolean;
}

/** Counts every answer of `app`. */
export function recordMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
  });
}

/** `GET /metrics` in Prometheus' text format, behind the bearer token when one is configured. */
function metricsRoute(app: FastifyInstance, metrics: Metrics, token?: string): void {
  app.get('/metrics', async (request, reply) => {
    if (token !== undefined)
      requireBearer(request, token, '缺少或错误的指标令牌 (Authorization: Bearer <metrics_token>)');
    reply.header('X-Content-Type-Options', 'nosniff');
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

/**
 * Serves `/metrics` on `app`, or on a server of its own when `access.separate` (closed with `app`; the caller
 * chooses where it listens). Returns that separate server, or null.
 */
export function exposeMetrics(app: FastifyInstance, metrics: Metrics, access: MetricsAccess): FastifyInstance | null {
  if (!access.separate) {
    metricsRoute(app, metrics, access.token);
    return null;
  }
  const own = Fastify({ logger: false });
  registerErrorHandler(own);
  metricsRoute(own, metrics, access.token);
  app.addHook('onClose', async () => {
    await own.close();
  });
  return own;
}

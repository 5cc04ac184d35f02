import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { type Clock, systemClock, TestClock } from '../domain/clock.js';
import { type Ids, randomIds } from '../domain/ids.js';
import type { NotifyTargets } from '../notify/targets.js';
import { toPrivateKey } from '../protocol/rsa.js';
import { type LifecycleJobs, startLifecycleJobs } from '../services/lifecycle/jobs.js';
import { restoreTestClock } from '../services/sandbox-clock.js';
import type { Store } from '../store/port.js';
import type { AppContext, RateLimits } from './context.js';
import { WECHAT_RATE_LIMITS } from './context.js';
import { FaultTable } from './fault-table.js';
import { PathTable } from './path-table.js';
import { answerClientError } from './plugins/client-errors.js';
import { registerDrain } from './plugins/drain.js';
import { answerFrameworkError, BODY_LIMIT_BYTES, MAX_PARAM_LENGTH, registerErrorHandler } from './plugins/errors.js';
import { registerHandlerDeadline } from './plugins/handler-deadline.js';
import { exposeMetrics, Metrics, type MetricsAccess, recordMetrics } from './plugins/metrics.js';
import { registerNotFound } from './plugins/not-found.js';
import { RateLimiter } from './plugins/rate-limit.js';
import { registerRequestId } from './plugins/request-id.js';
import { registerRequestLog } from './plugins/request-log.js';
import {
  DEFAULT_FRAME_ANCESTORS,
  registerSecurityHeaders,
  SANDBOX_FRAME_ANCESTORS,
} from './plugins/security-headers.js';
import { HTTP_TIMEOUTS, type HttpTimeouts, serverTimeoutOptions } from './server-timeouts.js';
import { surfacesPlugin } from './surfaces.js';
import { routeBrokenEscapes } from './url-escapes.js';
import { v3Plugin } from './v3.js';
import type { WechatRouter } from './wechat-route.js';

export interface AppOptions {
  store: Store;
  clock?: Clock;
  ids?: Ids;
  sandbox?: boolean;
  /** Sandbox only (D-21): new product coupons stay AUDITING this many seconds. */
  auditDelaySeconds?: number;
  /** Callback delivery and the expiry sweep run in the background unless this is false (e.g. a worker-less bench). */
  backgroundJobs?: boolean;
  /** WeChat's limits by default; `null` turns rate limiting off (D-19). */
  rateLimits?: RateLimits | null;
  logLevel?: string;
  /** Any left out keep `HTTP_TIMEOUTS`. */
  timeouts?: Partial<HttpTimeouts>;
  /** Where callbacks may go (D-35); by default open in the sandbox and public addresses only otherwise. */
  notifyTargets?: NotifyTargets;
  /** Who may frame coupond's pages (D-44): `'self'` by default, `*` in the sandbox. */
  frameAncestors?: string[];
  /** A bearer token for `/metrics`, and whether it has a server of its own. */
  metrics?: MetricsAccess;
}

export interface App {
  server: FastifyInstance;
  ctx: AppContext;
  /** Callback delivery and the expiry sweep, stopped when the server closes. */
  jobs: LifecycleJobs;
  /** `/metrics` alone, when `metrics.separate`; not yet listening, closed with `server`. */
  metricsServer: FastifyInstance | null;
}

const frameAncestorsFor = (sandbox: boolean) => (sandbox ? SANDBOX_FRAME_ANCESTORS : DEFAULT_FRAME_ANCESTORS);

/** Builds the HTTP server around a store that `bootstrap` has initialised (platform key, admin token). */
export async function buildApp(options: AppOptions): Promise<App> {
  const ids = options.ids ?? randomIds;
  const ctx = await appContext(options, ids);
  const server = createServer(options, ids);
  await registerServerWide(server, ctx, options);
  const metricsServer = exposeMetrics(server, ctx.metrics, options.metrics ?? {});

  const router: WechatRouter = {
    ctx,
    limiter: ctx.rateLimits ? new RateLimiter(ctx.rateLimits) : null,
    paths: new PathTable(),
    faults: ctx.deps.sandbox ? new FaultTable() : null,
  };
  if (ctx.deps.sandbox && ctx.deps.clock instanceof TestClock) await restoreTestClock(options.store, ctx.deps.clock);
  const jobs = startLifecycleJobs(ctx.deps, ctx.wireClock, ctx.platformKey, {
    run: options.backgroundJobs ?? true,
    onError: (err, where) => server.log.error({ err }, `background job failed: ${where}`),
    onAttempt: (outcome, lag) => {
      ctx.metrics.webhookAttempts.inc({ outcome });
      ctx.metrics.outboxLag.observe(lag);
    },
  });
  server.addHook('onClose', () => jobs.stop());
  server.register(v3Plugin(router, jobs));
  server.register(surfacesPlugin(router, jobs));
  registerNotFound(server, router.paths);
  return { server, ctx, jobs, metricsServer };
}

async function appContext(options: AppOptions, ids: Ids): Promise<AppContext> {
  const { store } = options;
  const platform = await store.getPlatformKey();
  const adminToken = await store.getSetting('admin_token');
  if (!platform || !adminToken) throw new Error('store is not initialised: run `coupond init` first');
  return {
    deps: {
      store,
      clock: options.clock ?? systemClock,
      ids,
      sandbox: options.sandbox ?? false,
      ...(options.notifyTargets ? { notifyTargets: options.notifyTargets } : {}),
      ...(options.sandbox && options.auditDelaySeconds ? { auditDelaySeconds: options.auditDelaySeconds } : {}),
    },
    wireClock: systemClock,
    platformKey: {
      id: platform.keyId,
      privateKey: toPrivateKey(platform.privateKeyPem),
      publicKeyPem: platform.publicKeyPem,
    },
    adminToken,
    rateLimits: options.rateLimits === undefined ? WECHAT_RATE_LIMITS : options.rateLimits,
    metrics: new Metrics(store),
  };
}

/** The HTTP timeouts in force: the options' own, `HTTP_TIMEOUTS` for any left out. */
const timeoutsOf = (options: AppOptions): HttpTimeouts => ({ ...HTTP_TIMEOUTS, ...options.timeouts });

function createServer(options: AppOptions, ids: Ids): FastifyInstance {
  return Fastify({
    logger: { level: options.logLevel ?? 'info' },
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => ids.requestId(),
    // Shutdown (D-33): idle keep-alive connections close; a request already on an open connection is served, with
    // `Connection: close`, instead of Fastify's own 503 body.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    ...serverTimeoutOptions(timeoutsOf(options)),
    rewriteUrl: routeBrokenEscapes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Every body parser's limit; a route that takes more (a media upload) says so itself.
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
}

/**
 * What every answer needs, on the root instance. No body parser: a request no route matches (404, 405, 501) is
 * answered without reading its body, and each scope registers its own (`v3Plugin` raw bytes, `surfacesPlugin` JSON).
 */
async function registerServerWide(server: FastifyInstance, ctx: AppContext, options: AppOptions): Promise<void> {
  server.removeAllContentTypeParsers();
  registerDrain(server);
  registerErrorHandler(server);
  registerRequestId(server);
  registerRequestLog(server);
  registerSecurityHeaders(server, options.frameAncestors ?? frameAncestorsFor(ctx.deps.sandbox));
  registerHandlerDeadline(server, timeoutsOf(options).handlerMs);
  recordMetrics(server, ctx.metrics);
}

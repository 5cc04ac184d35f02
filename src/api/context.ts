import type { KeyObject } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { ServiceDeps } from '../services/deps.js';
import type { Metrics } from './plugins/metrics.js';

/** Everything the HTTP layer needs, built once by `buildApp`. */
export interface AppContext {
  deps: ServiceDeps;
  /** Real time for the wire protocol (timestamps, replay window): SDKs sign with real time even when the test clock moves. */
  wireClock: Clock;
  platformKey: { id: string; privateKey: KeyObject; publicKeyPem: string };
  adminToken: string;
  rateLimits: RateLimits | null;
  metrics: Metrics;
}

export interface RateLimits {
  user: number;
  management: number;
}

export const WECHAT_RATE_LIMITS: RateLimits = { user: 500, management: 20 };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the API v3 signature verified; such requests get signed responses. */
    mchid?: string;
    rawBody?: Buffer;
    /** The `Content-Type` header as the client sent it (Fastify itself sees a fixed one, see raw-body.ts). */
    declaredContentType?: string;
  }
}

import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';

/** How long coupond waits on HTTP clients and on its own handlers (D-32); milliseconds. */
export interface HttpTimeouts {
  /** An answer not ready within this is replaced by `500 SYSTEM_ERROR` (plugins/handler-deadline.ts). */
  handlerMs: number;
  /** A client must have sent its whole request within this (node's `requestTimeout`). */
  requestMs: number;
  /** A client must have sent its headers within this (node's `headersTimeout`); slow-header connections close. */
  headersMs: number;
  /** An idle keep-alive connection closes after this (node's `keepAliveTimeout`). */
  keepAliveMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  handlerMs: 10_000,
  requestMs: 30_000,
  headersMs: 20_000,
  keepAliveMs: 72_000,
};

/** How often node looks for connections past `headersMs` or `requestMs`; a late one closes within the sum. */
export const CONNECTION_CHECK_MS = 5000;

export function serverTimeoutOptions(t: HttpTimeouts): FastifyHttpOptions<Server> {
  return {
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    http: { headersTimeout: t.headersMs, connectionsCheckingInterval: CONNECTION_CHECK_MS },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Who may frame coupond's pages when the operator says nothing (D-44); `--sandbox` lets anyone, for the demo. */
export const DEFAULT_FRAME_ANCESTORS = ["'self'"];
export const SANDBOX_FRAME_ANCESTORS = ['*'];

const SOURCE = /^(?:'self'|'none'|\*|https?:\/\/(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?)$/;

/** Parses `--frame-ancestors` / `COUPOND_FRAME_ANCESTORS`: sources separated by spaces or commas. */
export function parseFrameAncestors(text: string): string[] {
  const sources = text.split(/[\s,]+/).filter(Boolean);
  const bad = sources.find((s) => !SOURCE.test(s));
  if (sources.length === 0 || bad !== undefined)
    throw new Error(`--frame-ancestors: "${bad ?? text}" is not 'self', 'none', * or an http(s) origin`);
  return sources;
}

/** The headers helmet's middleware sets for `options`, read once by running it against a recording response. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * The same headers on every answer (D-44): a Content-Security-Policy that allows scripts only from coupond's own
 * origin (no inline script, no eval), `X-Content-Type-Options: nosniff`, and `frame-ancestors` as configured.
 * Styles may be inline (the pages and the element's shadow root carry their own); images come from anywhere over
 * http(s) because coupon images are merchants' URLs (D-24). Resources stay loadable cross-origin, since merchants
 * include `coupon-receiver.js` from their own pages. The headers never depend on the request, so helmet computes
 * them once at start-up rather than on every request.
 */
export function registerSecurityHeaders(app: FastifyInstance, frameAncestors: string[]): void {
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'http:', 'https:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors,
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    frameguard: false,
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

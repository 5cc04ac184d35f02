import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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

/**
 * The same headers on every answer (D-44): a Content-Security-Policy that allows scripts only from coupond's own
 * origin (no inline script, no eval), `X-Content-Type-Options: nosniff`, and `frame-ancestors` as configured.
 * Styles may be inline (the pages and the element's shadow root carry their own); images come from anywhere over
 * http(s) because coupon images are merchants' URLs (D-24). Resources stay loadable cross-origin, since merchants
 * include `coupon-receiver.js` from their own pages.
 */
export async function registerSecurityHeaders(app: FastifyInstance, frameAncestors: string[]): Promise<void> {
  await app.register(helmet, {
    global: true,
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
}

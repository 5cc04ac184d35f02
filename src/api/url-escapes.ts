import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { paramError } from '../domain/errors.js';

const BROKEN = Symbol('coupond.brokenEscape');
type Marked = IncomingMessage & { [BROKEN]?: 'uri_template' | 'query' };

function decodes(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fastify's `rewriteUrl`: a URL whose `%`-escapes do not decode to UTF-8 is routed with its `%` signs taken
 * literally and marked, so the endpoint authenticates it and answers a signed `PARAM_ERROR` (D-41) instead of the
 * router refusing it before any WeChat handling. The signature still covers the URL as sent (`originalUrl`).
 */
export function routeBrokenEscapes(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (!url.includes('%')) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  if (!decodes(path)) {
    (req as Marked)[BROKEN] = 'uri_template';
    return `${path.replace(/%/g, '%25')}${query}`;
  }
  if (!query.split(/[&=]/).every(decodes)) (req as Marked)[BROKEN] = 'query';
  return url;
}

/** Throws the `PARAM_ERROR` for a URL that `routeBrokenEscapes` marked. */
export function refuseBrokenEscapes(request: FastifyRequest): void {
  const location = (request.raw as Marked)[BROKEN];
  if (location === undefined) return;
  const parts = (location === 'query' ? request.query : request.params) as Record<string, unknown>;
  const name = Object.keys(parts).find((k) => typeof parts[k] === 'string' && !decodes(parts[k]));
  const source = name === undefined ? `/${location}` : `/${location}/${name}`;
  throw paramError(`输入源“${source}”映射到字段“${name ?? location}”规则校验失败，${BROKEN_ISSUE}`, {
    location,
    ...(name === undefined ? {} : { field: `/${name}` }),
    value: name === undefined ? request.originalUrl.slice(0, 256) : parts[name],
    issue: BROKEN_ISSUE,
  });
}

const BROKEN_ISSUE = '含有不合法的百分号转义（须为 UTF-8 的 %XX）';

/**
 * Outside `/v3` (component, admin, sandbox, pages) a marked URL is refused before the body is read; registered in the
 * plugin of those surfaces, so `/v3` endpoints answer it themselves after authentication.
 */
export function registerBrokenEscapeCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => refuseBrokenEscapes(request));
}

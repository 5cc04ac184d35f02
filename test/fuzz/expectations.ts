import { responseMessage } from '@coupond/client/protocol';
import { Value } from '@sinclair/typebox/value';
import { PathTable } from '../../src/api/path-table.js';
import { verifySync } from '../../src/protocol/rsa.js';
import { describeRequest, type FuzzRequest, type FuzzRoute } from './requests.js';
import type { Answer } from './send.js';

/** The error codes coupond's WeChat-shaped bodies may carry (src/domain/errors.ts); admin routes add UNAUTHORIZED. */
const WECHAT_CODES = new Set([
  'PARAM_ERROR',
  'INVALID_REQUEST',
  'SIGN_ERROR',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'NOT_ENOUGH',
  'NO_AUTH',
  'RATELIMIT_EXCEEDED',
  'NOT_IMPLEMENTED',
]);
const ADMIN_CODES = new Set([...WECHAT_CODES, 'UNAUTHORIZED']);
/**
 * Answers given before a signature can be checked: 401 itself, a body over 64 KiB (never read) and what Node's HTTP
 * parser refuses (request line and headers over 16 KiB) (D-41).
 */
const UNSIGNED = new Set([401, 413, 431]);

/** What a wrong answer looks like, with the request that got it, so a failure can be read without a debugger. */
class WrongAnswer extends Error {
  constructor(why: string, request: FuzzRequest, answer: Answer) {
    const body = answer.text.length > 300 ? `${answer.text.slice(0, 300)}…` : answer.text;
    super(`${why}\n    ${describeRequest(request)}\n    → ${answer.status} ${body}`);
  }
}

/**
 * Checks one answer against what the route documents:
 * - never ≥ 500 (501 `NOT_IMPLEMENTED` for the single-coupon variant of create is documented, D-22);
 * - an empty 404 only for a path no route template matches (D-18);
 * - errors as `{code, message}` with a known code; under `/v3` signed by the platform key unless refused before
 *   the signature could be checked;
 * - successes parse, conform to the route's response schema and, under `/v3`, are signed.
 */
export function checkAnswer(route: FuzzRoute, request: FuzzRequest, answer: Answer, platformKey: string): void {
  const problem = answerProblem(route, request.path, answer, platformKey);
  if (problem !== undefined) throw new WrongAnswer(`${route.name}: ${problem}`, request, answer);
}

function answerProblem(route: FuzzRoute, path: string, answer: Answer, platformKey: string): string | undefined {
  const { status, text } = answer;
  if (status >= 500 && !(status === 501 && codeOf(text) === 'NOT_IMPLEMENTED')) return `answered ${status}`;
  if (text === '' && status === 404)
    return matchesTemplate(route, path) ? 'empty 404 for a path that matches the route' : undefined;
  if (route.surface === 'v3' && !UNSIGNED.has(status) && !signatureValid(answer, platformKey))
    return 'answer is not signed by the platform key';
  if (status === 204) return text === '' ? undefined : '204 with a body';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  if (status < 400)
    return route.response && !Value.Check(route.response, body)
      ? 'success body does not match the response schema'
      : undefined;
  const { code, message } = (body ?? {}) as { code?: unknown; message?: unknown };
  const codes = route.surface === 'admin' ? ADMIN_CODES : WECHAT_CODES;
  if (typeof code !== 'string' || !codes.has(code)) return `error code ${String(code)} is not a known one`;
  return typeof message === 'string' && message !== '' ? undefined : 'error without a message';
}

function codeOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
}

function signatureValid(answer: Answer, platformKey: string): boolean {
  const h = (name: string) => answer.headers[name.toLowerCase()];
  const [ts, nonce, sig] = [h('Wechatpay-Timestamp'), h('Wechatpay-Nonce'), h('Wechatpay-Signature')];
  if (typeof ts !== 'string' || typeof nonce !== 'string' || typeof sig !== 'string') return false;
  return verifySync(responseMessage(ts, nonce, answer.text), sig, platformKey);
}

const tables = new WeakMap<FuzzRoute, PathTable>();
function matchesTemplate(route: FuzzRoute, path: string): boolean {
  let table = tables.get(route);
  if (!table) {
    table = new PathTable();
    table.add(route.method, route.path);
    tables.set(route, table);
  }
  return table.methodsFor(path.split('?')[0]!).length > 0;
}

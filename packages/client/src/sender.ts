import { WechatpayConnectionError, WechatpayError } from './errors.js';
import { type MediaFile, mediaBody } from './media.js';
import { type QueryParams, queryString } from './paths.js';
import { formatAuthorization } from './protocol/authorization.js';
import { requestMessage } from './protocol/messages.js';
import { importSigningKey, type KeyInput, randomHex, subtleSign } from './protocol/webcrypto.js';
import { backoffMs, isRetryableStatus, type RetryDelay, sleep } from './retry.js';
import { headerLookup, type KeyRing, verifySignedMessage } from './verify.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Per-call settings, accepted by every call style next to `json` and `params`. */
export interface RequestOptions {
  headers?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
}

export interface SendRequest extends RequestOptions {
  method: HttpMethod;
  /** Concrete path, placeholders already filled in; may carry its own `?query`. */
  path: string;
  params?: QueryParams;
  /** Serialised once with JSON.stringify; every retry sends the same bytes. */
  json?: unknown;
  /** The exact body text, instead of `json`. */
  body?: string;
  /** A media upload instead of a JSON body: multipart/form-data whose signed part is `meta` (D-90). */
  media?: MediaFile;
}

/** What is signed as the body, and what is sent. */
interface Payload {
  signed: string;
  sent?: string | FormData;
}

export interface WechatpayResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON; the raw text when the body is not JSON; `undefined` for an empty body (204). */
  data: T;
  requestId: string;
}

export interface SenderConfig {
  baseURL: string;
  mchid: string;
  /** Serial number of the merchant API certificate whose private key signs. */
  serial: string;
  privateKey: KeyInput;
  keys: KeyRing;
  timeoutMs: number;
  maxRetries: number;
  retryDelay: RetryDelay;
  fetch: typeof fetch;
  /** Milliseconds since the epoch. */
  now: () => number;
  userAgent: string;
}

export type Send = <T = unknown>(request: SendRequest) => Promise<WechatpayResponse<T>>;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export function createSender(config: SenderConfig): Send {
  const signingKey = importSigningKey(config.privateKey);
  signingKey.catch(() => {}); // reported by the first request that needs it
  const base = new URL(config.baseURL);

  async function authorization(method: string, url: URL, body: string): Promise<string> {
    const timestamp = String(Math.floor(config.now() / 1000));
    const nonce = randomHex(16);
    const message = requestMessage(method, url.pathname + url.search, timestamp, nonce, body);
    const signature = await subtleSign(message, await signingKey);
    return formatAuthorization({
      mchid: config.mchid,
      serial_no: config.serial,
      nonce_str: nonce,
      timestamp,
      signature,
    });
  }

  async function attempt(request: SendRequest, url: URL, { signed, sent }: Payload): Promise<Answer> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': config.userAgent,
      ...(config.keys.serials[0] ? { 'Wechatpay-Serial': config.keys.serials[0] } : {}),
      ...(typeof sent === 'string' ? { 'Content-Type': 'application/json' } : {}),
      ...request.headers,
      Authorization: await authorization(request.method, url, signed),
    };
    const timeoutMs = request.timeoutMs ?? config.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const res = await config.fetch(url, { method: request.method, headers, signal, ...(sent ? { body: sent } : {}) });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (cause) {
      if (request.signal?.aborted) throw cause;
      const timedOut = timeout.aborted;
      const what = timedOut ? `timed out after ${timeoutMs} ms` : 'failed';
      throw new WechatpayConnectionError(`${request.method} ${url.pathname} ${what}`, timedOut, { cause });
    }
  }

  return async function send<T>(request: SendRequest): Promise<WechatpayResponse<T>> {
    const url = new URL(request.path.replace(/^\/*/, '/'), base);
    const query = queryString(request.params);
    if (query) url.search = url.search ? `${url.search}&${query}` : query;
    const payload = await payloadOf(request);
    if (payload.sent && request.method === 'GET') throw new TypeError(`GET ${request.path} cannot carry a body`);
    const maxRetries = request.maxRetries ?? config.maxRetries;
    for (let retry = 0; ; retry++) {
      let answer: Answer;
      try {
        answer = await attempt(request, url, payload);
      } catch (error) {
        if (!(error instanceof WechatpayConnectionError) || retry >= maxRetries) throw error;
        await sleep(backoffMs(retry, config.retryDelay), request.signal);
        continue;
      }
      if (isRetryableStatus(answer.status) && retry < maxRetries) {
        await sleep(backoffMs(retry, config.retryDelay, answer.headers.get('Retry-After')), request.signal);
        continue;
      }
      return finish<T>(answer);
    }
  };

  async function finish<T>({ status, headers, text }: Answer): Promise<WechatpayResponse<T>> {
    if (status < 200 || status > 299) throw new WechatpayError(status, headers, text);
    const now = Math.floor(config.now() / 1000);
    await verifySignedMessage({ header: headerLookup(headers), body: text, keys: config.keys, now, status });
    return { status, headers, data: parseBody(text) as T, requestId: headers.get('Request-ID') ?? '' };
  }
}

async function payloadOf(request: SendRequest): Promise<Payload> {
  if (request.media) {
    const { meta, form } = await mediaBody(request.media);
    return { signed: meta, sent: form };
  }
  const body = request.body ?? (request.json === undefined ? '' : JSON.stringify(request.json));
  return body ? { signed: body, sent: body } : { signed: '' };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

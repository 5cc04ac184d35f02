/** `detail` of WeChat's error body: documented `{field, value, issue, location}`, or whatever the server sent. */
export type WechatpayErrorDetail = Readonly<Record<string, unknown>>;

/** A non-2xx answer. `code` is WeChat's error code (`PARAM_ERROR`, `SIGN_ERROR` …), or `HTTP_<status>` when the
 * body carries none (404/405 answer with an empty body). Branch on `code`, not on `message`. */
export class WechatpayError extends Error {
  override readonly name = 'WechatpayError';
  readonly status: number;
  readonly code: string;
  readonly detail: WechatpayErrorDetail | undefined;
  readonly requestId: string;
  readonly headers: Headers;
  /** The raw response body. */
  readonly body: string;

  constructor(status: number, headers: Headers, body: string) {
    const parsed = parseErrorBody(body);
    super(parsed.message ?? (body || `HTTP ${status}`));
    this.status = status;
    this.code = parsed.code ?? `HTTP_${status}`;
    this.detail = parsed.detail;
    this.requestId = headers.get('Request-ID') ?? '';
    this.headers = headers;
    this.body = body;
  }
}

function parseErrorBody(body: string): { code?: string; message?: string; detail?: WechatpayErrorDetail } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return {};
  }
  if (!value || typeof value !== 'object') return {};
  const { code, message, detail } = value as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(detail && typeof detail === 'object' ? { detail: detail as WechatpayErrorDetail } : {}),
  };
}

export type VerificationFailure =
  /** a `Wechatpay-Timestamp/Nonce/Serial/Signature` header is missing */
  | 'headers'
  /** `Wechatpay-Timestamp` is more than 300 s away from now */
  | 'timestamp'
  /** `Wechatpay-Serial` names no configured WeChat Pay public key / platform certificate */
  | 'serial'
  /** a `WECHATPAY/SIGNTEST/` probe: WeChat Pay checking that signatures really are verified */
  | 'signtest'
  | 'signature'
  /** callback resource could not be decrypted with the APIv3 key */
  | 'decrypt'
  /** callback body is not the documented JSON envelope */
  | 'body';

/** A 2xx response or a callback whose signature (or encryption) did not check out. Never trust its body. */
export class WechatpayVerificationError extends Error {
  override readonly name = 'WechatpayVerificationError';
  constructor(
    readonly reason: VerificationFailure,
    message: string,
    readonly body: string,
    readonly status?: number,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** The request got no answer: network failure or `timeoutMs` elapsed (after all retries). */
export class WechatpayConnectionError extends Error {
  override readonly name = 'WechatpayConnectionError';
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

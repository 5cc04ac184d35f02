import {
  type ClientConfig,
  createClient,
  WechatpayConnectionError,
  WechatpayError,
  WechatpayVerificationError,
} from '@coupond/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import {
  type FakeWechatpay,
  MERCHANT,
  OFFICIAL_CERT_SERIAL,
  OFFICIAL_KEY_CERTIFICATE,
  startFakeWechatpay,
} from './fake-wechatpay.js';

let server: FakeWechatpay;
beforeAll(async () => {
  server = await startFakeWechatpay();
});
afterAll(() => server.close());

const client = (overrides: Partial<ClientConfig> = {}) =>
  createClient({
    baseURL: server.baseURL,
    ...MERCHANT,
    wechatpayPublicKey: server.platform.publicKey,
    wechatpayPublicKeyId: server.platform.id,
    retryDelay: { initialMs: 1, maxMs: 5 },
    ...overrides,
  });

/** Requests received by the fake server while `run` executes. */
async function capture(run: () => Promise<unknown>) {
  const before = server.received.length;
  const outcome = await run().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, requests: server.received.slice(before) };
}

describe('signing requests (docs/protocol.md, Signing requests)', () => {
  it('signs method, raw path and query, timestamp, nonce and empty body of a GET', async () => {
    const { value, requests } = await capture(() =>
      client().request({ method: 'GET', path: '/v3/things/a%20b', params: { q: "it's 商品", n: 1, skip: undefined } }),
    );
    const [req] = requests;
    expect(req?.verified).toBe(true);
    expect(req?.url).toBe('/v3/things/a%20b?q=it%27s%20%E5%95%86%E5%93%81&n=1');
    expect(req?.auth).toMatchObject({ mchid: MERCHANT.mchid, serial_no: MERCHANT.serial });
    expect(req?.auth?.nonce_str).toMatch(/^[0-9A-F]{32}$/);
    expect(Math.abs(Number(req?.auth?.timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(req?.headers.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="/);
    expect(req?.headers).toMatchObject({ accept: 'application/json', 'wechatpay-serial': server.platform.id });
    expect(req?.headers['user-agent']).toMatch(/^coupond-client\//);
    expect(req?.headers['content-type']).toBeUndefined();
    expect(value).toMatchObject({ status: 200, data: { ok: true }, requestId: expect.stringMatching(/^REQ-/) });
  });

  it('sends and signs the JSON body bytes, non-ASCII included', async () => {
    const json = { brand_id: '120344', attach: '商品券 "quoted"', n: [1, 2] };
    const { requests } = await capture(() => client().request({ method: 'POST', path: 'v3/x', json }));
    expect(requests[0]).toMatchObject({ verified: true, body: JSON.stringify(json) });
    expect(requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('is refused by the server when signed with another key', async () => {
    const { error } = await capture(() =>
      client({ privateKey: generateRsaKeyPair().privateKey }).request({ method: 'GET', path: '/v3/x' }),
    );
    expect(error).toBeInstanceOf(WechatpayError);
    expect(error).toMatchObject({ status: 401, code: 'SIGN_ERROR', message: '签名错误' });
  });
});

describe('verifying responses (docs/protocol.md, Verifying responses)', () => {
  it('accepts a signed 204 with an empty body', async () => {
    server.reply({ status: 204 });
    const res = await client().request({ method: 'POST', path: '/v3/close', json: {} });
    expect(res).toMatchObject({ status: 204, data: undefined });
  });

  it('accepts a timestamp 299 s off and platform-certificate mode', async () => {
    server.reply({ sign: { timestampOffset: 299 } });
    await expect(client().request({ method: 'GET', path: '/v3/x' })).resolves.toMatchObject({ status: 200 });
    server.reply({ sign: { key: MERCHANT.privateKey, serial: OFFICIAL_CERT_SERIAL.toLowerCase() } });
    const certMode = client({
      wechatpayPublicKey: undefined,
      wechatpayPublicKeyId: undefined,
      platformCertificates: { [OFFICIAL_CERT_SERIAL]: OFFICIAL_KEY_CERTIFICATE },
    });
    await expect(certMode.request({ method: 'GET', path: '/v3/x' })).resolves.toMatchObject({ status: 200 });
  });

  it.each([
    ['headers', { sign: false }],
    ['timestamp', { sign: { timestampOffset: -302 } }],
    ['timestamp', { sign: { timestampOffset: 302 } }],
    ['serial', { sign: { serial: 'PUB_KEY_ID_0000000000000000000000000000000000' } }],
    ['signtest', { sign: { signature: 'WECHATPAY/SIGNTEST/abcdef==' } }],
    ['signature', { sign: { key: generateRsaKeyPair().privateKey } }],
    ['signature', { sign: { signature: 'not base64' } }],
  ] as const)('rejects a 200 with a bad signature (%s), without retrying', async (reason, reply) => {
    server.reply(reply);
    const { error, requests } = await capture(() => client().request({ method: 'GET', path: '/v3/x' }));
    expect(error).toBeInstanceOf(WechatpayVerificationError);
    expect(error).toMatchObject({ reason, status: 200, body: '{"ok":true}' });
    expect(requests).toHaveLength(1);
  });

  it('rejects a body altered after signing', async () => {
    server.reply({ body: '{"token":"abc"}' });
    await expect(client().request({ method: 'GET', path: '/v3/x' })).resolves.toMatchObject({ data: { token: 'abc' } });
    server.reply({ body: '{"token":"abd"}', sign: { signedBody: '{"token":"abc"}' } });
    await expect(client().request({ method: 'GET', path: '/v3/x' })).rejects.toMatchObject({ reason: 'signature' });
  });

  it('cannot be configured without a trusted key', () => {
    expect(() => client({ wechatpayPublicKey: undefined, wechatpayPublicKeyId: undefined })).toThrow(TypeError);
    expect(() => client({ wechatpayPublicKeyId: undefined })).toThrow(/go together/);
  });
});

describe('errors', () => {
  it('throws WechatpayError with WeChat’s code, message, detail and Request-ID', async () => {
    const body = { code: 'PARAM_ERROR', message: '参数错误', detail: { location: 'body', value: '' } };
    server.reply({ status: 400, body });
    const { error } = await capture(() => client().request({ method: 'POST', path: '/v3/x', json: {} }));
    expect(error).toBeInstanceOf(WechatpayError);
    expect(error).toMatchObject({ ...body, status: 400, requestId: expect.stringMatching(/^REQ-/) });
  });

  it('refuses a GET with a body before sending it', async () => {
    const { error, requests } = await capture(() => client().request({ method: 'GET', path: '/v3/x', json: { a: 1 } }));
    expect(error).toBeInstanceOf(TypeError);
    expect(requests).toHaveLength(0);
  });

  it('gives HTTP_<status> for an empty error body', async () => {
    server.reply({ status: 404, body: '', sign: false });
    await expect(client().request({ method: 'GET', path: '/v3/nowhere' })).rejects.toMatchObject({
      status: 404,
      code: 'HTTP_404',
      body: '',
    });
  });
});

describe('retries', () => {
  it('retries 429 and 5xx with the same body, each attempt signed afresh', async () => {
    server.reply({ status: 500, body: { code: 'SYSTEM_ERROR', message: '系统异常' } }, { status: 429 }, {});
    const json = { send_request_no: 'R-0001', brand_id: '1' };
    const { value, requests } = await capture(() => client().request({ method: 'POST', path: '/v3/send', json }));
    expect(value).toMatchObject({ status: 200 });
    expect(requests.map((r) => r.body)).toEqual(Array(3).fill(JSON.stringify(json)));
    expect(requests.every((r) => r.verified)).toBe(true);
    expect(new Set(requests.map((r) => r.auth?.nonce_str)).size).toBe(3);
  });

  it('gives up after maxRetries with the last error', async () => {
    server.reply(
      { status: 503 },
      { status: 503 },
      { status: 502, body: { code: 'SERVICE_UNAVAILABLE', message: 'x' } },
    );
    const { error, requests } = await capture(() => client().request({ method: 'GET', path: '/v3/x' }));
    expect(error).toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE' });
    expect(requests).toHaveLength(3);
  });

  it('does not retry 4xx, 501, or when maxRetries is 0', async () => {
    for (const [status, calls] of [
      [400, 1],
      [501, 1],
    ] as const) {
      server.reply({ status });
      const { requests } = await capture(() => client().request({ method: 'GET', path: '/v3/x' }));
      expect(requests).toHaveLength(calls);
    }
    server.reply({ status: 500 });
    const { requests } = await capture(() => client({ maxRetries: 0 }).request({ method: 'GET', path: '/v3/x' }));
    expect(requests).toHaveLength(1);
  });

  it('retries dropped connections, then reports WechatpayConnectionError', async () => {
    server.reply('drop', {});
    await expect(client().request({ method: 'GET', path: '/v3/x' })).resolves.toMatchObject({ status: 200 });
    server.reply('drop', 'drop');
    const { error, requests } = await capture(() =>
      client().request({ method: 'POST', path: '/v3/x', json: { a: 1 }, maxRetries: 1 }),
    );
    expect(error).toBeInstanceOf(WechatpayConnectionError);
    expect(error).toMatchObject({ timedOut: false });
    expect(requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('honours Retry-After within maxMs', async () => {
    server.reply({ status: 429, headers: { 'Retry-After': '0' } }, {});
    const started = Date.now();
    await client({ retryDelay: { initialMs: 2000, maxMs: 2000 } }).request({ method: 'GET', path: '/v3/x' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('timeouts and cancellation', () => {
  it('times out a slow answer and retries it', async () => {
    server.reply({ delayMs: 400 }, {});
    const { value, requests } = await capture(() =>
      client({ timeoutMs: 100 }).request({ method: 'GET', path: '/v3/x' }),
    );
    expect(value).toMatchObject({ status: 200 });
    expect(requests).toHaveLength(2);
  });

  it('reports the timeout when retries are exhausted', async () => {
    server.reply({ delayMs: 400 });
    const error = await client({ timeoutMs: 100, maxRetries: 0 })
      .request({ method: 'GET', path: '/v3/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatpayConnectionError);
    expect(error).toMatchObject({ timedOut: true, message: expect.stringMatching(/timed out after 100 ms/) });
  });

  it('stops at once when the caller aborts', async () => {
    server.reply({ delayMs: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, requests } = await capture(() =>
      client().request({ method: 'GET', path: '/v3/x', signal: controller.signal }),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(requests).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAMILY_PATHS } from '../../src/api/family-paths.js';
import { endpoints } from '../../src/schemas/endpoints.js';
import { type Running, startCoupond } from '../harness.js';
import { verifiedBody } from './verify-response.js';

const PATH = '/v3/marketing/partner/product-coupon/notify-configs';
let c: Running;

beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

describe('error surface (docs/protocol.md, Errors, D-18)', () => {
  it('unknown path → 404 with an empty body, before authentication', async () => {
    const res = await fetch(`${c.baseURL}v3/nothing/here`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
  });

  it('wrong method on a known path → 405 with an empty body', async () => {
    const res = await fetch(`${c.baseURL}${PATH.slice(1)}`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('');
  });

  it('a documented family path answers 501 NOT_IMPLEMENTED exactly when coupond has no endpoint for it', async () => {
    const served = new Set(Object.values(endpoints).map((e) => `${e.method} ${e.path}`));
    for (const [method, path] of FAMILY_PATHS) {
      const res = await c.send(method, path.replace(/\{[a-z_]+\}/g, 'x1234567'), method === 'GET' ? undefined : {});
      const answer = res.status === 501 ? ((await res.json()) as { code: string }).code : res.status;
      expect(answer, `${method} ${path}`).toEqual(
        served.has(`${method} ${path}`) ? expect.any(Number) : 'NOT_IMPLEMENTED',
      );
    }
  });

  it('non-JSON body → 400 PARAM_ERROR, signed, nothing stored', async () => {
    const res = await c.send('POST', PATH, undefined, { rawBody: '{"notify_url":' });
    expect(res.status).toBe(400);
    const body = JSON.parse(await verifiedBody(res, c.platform.publicKey));
    expect(body.code).toBe('PARAM_ERROR');
    expect((await c.store.getMerchant(c.merchant.mchid))?.notifyUrl).toBeNull();
  });

  it('wrong Content-Type → 400 INVALID_REQUEST', async () => {
    const res = await c.send(
      'POST',
      PATH,
      { notify_url: 'https://a.example.com/n' },
      {
        headers: { 'Content-Type': 'text/plain' },
      },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('INVALID_REQUEST');
  });

  it.each(['', ' ', 'json', 'application/', ';charset=utf-8'])(
    'Content-Type %j that HTTP cannot parse → signed 400 INVALID_REQUEST naming the header (D-45)',
    async (type) => {
      const res = await c.send(
        'POST',
        PATH,
        { notify_url: 'https://a.example.com/n' },
        { headers: { 'Content-Type': type } },
      );
      expect(res.status).toBe(400);
      const body = JSON.parse(await verifiedBody(res, c.platform.publicKey));
      expect(body).toMatchObject({ code: 'INVALID_REQUEST', detail: { field: 'Content-Type', value: type.trim() } });
      expect((await c.store.getMerchant(c.merchant.mchid))?.notifyUrl).toBeNull();
    },
  );

  it('body over 64 KiB is refused before parsing', async () => {
    const res = await c.send('POST', PATH, { notify_url: `https://a.example.com/${'x'.repeat(70_000)}` });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('INVALID_REQUEST');
  });

  it('unknown body field → PARAM_ERROR naming it', async () => {
    const res = await c.send('POST', PATH, { notify_url: 'https://a.example.com/n', extra: 1 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: 'PARAM_ERROR', detail: { value: ['/body/extra'] } });
  });

  it('schema failure → PARAM_ERROR with location and field path', async () => {
    const res = await c.send('POST', PATH, { notify_url: 42 });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ code: 'PARAM_ERROR', detail: { location: 'body', field: '/notify_url' } });
    expect(body.message).toContain('/body/notify_url');
  });
});

describe('rate limits (D-19)', () => {
  it('answers 429 RATELIMIT_EXCEEDED past the per-mchid management limit', async () => {
    const limited = await (await import('../harness.js')).startCoupond({ rateLimits: { user: 500, management: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await limited.send('GET', PATH)).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

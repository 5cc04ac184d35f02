import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { READY_CHECK_MS } from '../../src/api/routes/health.js';
import { CONNECTION_CHECK_MS, HTTP_TIMEOUTS } from '../../src/api/server-timeouts.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { type Running, startCoupond } from '../harness.js';
import { verifiedBody } from './verify-response.js';

let c: Running | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const timed = async (work: Promise<Response>) => {
  const started = performance.now();
  const res = await work;
  return { res, ms: performance.now() - started };
};

/** Resolves when the server closes the socket; the socket sends `partial` and then nothing. */
const heldOpen = (port: number, partial: string) =>
  new Promise<number>((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(partial));
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => resolve(performance.now() - started));
  });

describe('readiness and request timeouts', () => {
  it('/readyz answers 200 while the store answers', async () => {
    c = await startCoupond();
    const res = await fetch(`${c.baseURL}readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready' });
  });

  it('/readyz answers 503 within its own deadline when the store does not answer', async () => {
    const store = createSqliteStore(':memory:');
    c = await startCoupond({ store: { ...store, ping: () => new Promise<void>(() => {}) } });
    const { res, ms } = await timed(fetch(`${c.baseURL}readyz`));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', store: 'sqlite' });
    expect(ms).toBeLessThan(READY_CHECK_MS + 1000);
  });

  /** With a 300 ms handler timeout and `api` delayed by 3 s, `send` is answered a signed SYSTEM_ERROR within 2 s. */
  async function expectCutOff(api: string, send: (running: Running) => Promise<Response>) {
    c = await startCoupond({ timeouts: { handlerMs: 300 } });
    const fault = await fetch(`${c.baseURL}sandbox/v1/faults`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ api, count: 1, respond: 'delay:3000' }),
    });
    expect(fault.status).toBe(201);
    const { res, ms } = await timed(send(c));
    expect(res.status).toBe(500);
    expect(JSON.parse(await verifiedBody(res, c.platform.publicKey))).toMatchObject({ code: 'SYSTEM_ERROR' });
    expect(ms).toBeLessThan(2000);
  }

  it('an answer late past the handler timeout is a signed 500 SYSTEM_ERROR', async () => {
    await expectCutOff('getNotifyConfig', (running) =>
      running.send('GET', `/v3/marketing/partner/product-coupon/notify-configs?brand_id=${running.merchant.brandId}`),
    );
  });

  it('a request with a body late past the handler timeout is a signed 500 SYSTEM_ERROR too', async () => {
    await expectCutOff('preSendCouponBundle', (running) =>
      running.send('POST', '/v3/marketing/partner/product-coupon/users/o-late/pre-send-coupon-bundle', {
        brand_id: running.merchant.brandId,
        appid: running.merchant.appid,
        product_coupon_id: 'PC_NONE',
        stock_bundle_id: 'SB_NONE',
        send_request_no: 'LATE_1',
      }),
    );
  });
});

describe('slow clients', () => {
  it('by default a connection that never finishes its headers is closed within 60 s', () => {
    expect(HTTP_TIMEOUTS.headersMs + CONNECTION_CHECK_MS).toBeLessThanOrEqual(60_000);
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(HTTP_TIMEOUTS.requestMs);
  });

  it('the server applies the configured headers, request and keep-alive timeouts', async () => {
    c = await startCoupond({ timeouts: { headersMs: 1234, requestMs: 5678, keepAliveMs: 9012 } });
    const { server } = c.app.server;
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([1234, 5678, 9012]);
  });

  it('closes connections that send part of their headers, or nothing, once the headers timeout passes', async () => {
    c = await startCoupond({ timeouts: { headersMs: 1000 } });
    const port = Number(new URL(c.baseURL).port);
    const closed = await Promise.all([
      heldOpen(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '),
      heldOpen(port, 'GET /healthz HTTP/1.1\r\n'),
      heldOpen(port, ''),
    ]);
    for (const ms of closed) expect(ms).toBeLessThan(1000 + CONNECTION_CHECK_MS + 1500);
    expect((await fetch(`${c.baseURL}healthz`)).status).toBe(200);
  }, 15_000);
});

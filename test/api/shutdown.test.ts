import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCoupond } from '../harness.js';

/** A raw keep-alive connection that collects everything the server sends and notes when it closes. */
function keepAlive(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  const seen = { text: '', closedAt: 0 };
  socket.on('data', (chunk) => {
    seen.text += chunk.toString();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    seen.closedAt = performance.now();
  });
  const get = (path: string) =>
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  return { socket, seen, get };
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
};

describe('shutdown (D-33)', () => {
  it('closes idle keep-alive connections, finishes the request in flight, and never answers in Fastify’s shape', async () => {
    const c = await startCoupond();
    const port = Number(new URL(c.baseURL).port);
    const idle = keepAlive(port);
    idle.get('/healthz');
    expect(await until(() => idle.seen.text.includes('{"status":"ok"}'), 2000)).toBe(true);

    const fault = await fetch(`${c.baseURL}sandbox/v1/faults`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ api: 'getNotifyConfig', count: 1, respond: 'delay:1000' }),
    });
    expect(fault.status).toBe(201);
    const inFlight = c.send(
      'GET',
      `/v3/marketing/partner/product-coupon/notify-configs?brand_id=${c.merchant.brandId}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    const closeStarted = performance.now();
    const closed = c.close();
    expect(await until(() => idle.seen.closedAt > 0, 1000)).toBe(true);
    expect(idle.seen.closedAt - closeStarted).toBeLessThan(1000);

    const res = await inFlight;
    expect(res.headers.get('connection')).toBe('close');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('statusCode');
    expect([200, 404]).toContain(res.status);
    await closed;
    expect(idle.seen.text).not.toContain('Service Unavailable');
  });
});

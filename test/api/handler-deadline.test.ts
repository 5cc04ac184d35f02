import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerHandlerDeadline } from '../../src/api/plugins/handler-deadline.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A bare server with a 200 ms deadline: one route never answers, one starts an answer and never ends it. */
async function serve(): Promise<string> {
  app = Fastify({ logger: false, forceCloseConnections: true });
  registerHandlerDeadline(app, 200);
  app.get('/fast', async () => ({ ok: true }));
  app.get('/never', () => new Promise(() => {}));
  app.get('/half', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.write('partial');
    return new Promise(() => {});
  });
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('handler deadline', () => {
  it('answers in time are untouched; a handler that never answers gets a 500 within the deadline and a quarter', async () => {
    const base = await serve();
    for (let i = 0; i < 50; i++) expect((await fetch(`${base}/fast`)).status).toBe(200);
    const started = performance.now();
    const res = await fetch(`${base}/never`);
    expect(res.status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(performance.now() - started).toBeLessThan(200 + 50 + 200);
  });

  it('an answer begun but not finished by the deadline has its connection closed', async () => {
    const base = await serve();
    const res = await fetch(`${base}/half`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });
});

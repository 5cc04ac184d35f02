import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * D-32: a request still unanswered `ms` after it arrived is answered `500 SYSTEM_ERROR` (signed where its route
 * signs); the work behind it may still finish. One timer looks at the requests in flight a few times per period,
 * so the answer comes between `ms` and `ms` plus a quarter of it, capped at one second. Unlike Fastify's own
 * `handlerTimeout`, this also holds for requests with a body, and costs no timer or AbortController per request.
 */
export function registerHandlerDeadline(app: FastifyInstance, ms: number): void {
  // Every request gets the same period, so insertion order is deadline order.
  const inFlight = new Map<FastifyReply, number>();
  const sweep = () => {
    const now = performance.now();
    for (const [reply, due] of inFlight) {
      if (due > now) return;
      inFlight.delete(reply);
      if (!reply.sent && !reply.raw.destroyed) reply.send(new Error(`no answer within the handler timeout (${ms} ms)`));
    }
  };
  const timer = setInterval(sweep, Math.min(1000, Math.max(10, ms / 4)));
  timer.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight.set(reply, performance.now() + ms);
    done();
  });
  app.addHook('onResponse', (_request, reply, done) => {
    inFlight.delete(reply);
    done();
  });
}

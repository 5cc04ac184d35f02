import { Headers, responseMessage } from '@coupond/client/protocol';
import type { FastifyInstance } from 'fastify';
import { aeadDecrypt } from '../../protocol/aead.js';
import { verifySync } from '../../protocol/rsa.js';
import { requireAdmin } from '../admin/guard.js';
import type { AppContext } from '../context.js';
import { registerRawBody } from '../raw-body.js';
import { type CallbackEnvelopeT, parseEnvelope } from './envelope.js';

const NOTIFY_SINK_PATH = '/sandbox/v1/notify-sink';
const KEEP = 200;

interface Received {
  received_at: string;
  event_id: string | null;
  event_type: string | null;
  signature_valid: boolean;
  /** Decrypted with the APIv3 key of the merchant it was meant for; null when no key opens it. */
  mchid: string | null;
  plaintext: unknown;
}

/**
 * A notify URL inside coupond for sandbox users without a server of their own (the demo merchant's default): it
 * answers 204 like a healthy merchant, checks the platform signature, decrypts the resource and keeps the last
 * callbacks for `GET` (admin token). A plugin of its own that keeps the raw body, as `/v3` does: the signature
 * covers the bytes.
 */
export function notifySinkRoutes(parent: FastifyInstance, ctx: AppContext): void {
  if (ctx.deps.sandbox) parent.register(async (app) => notifySinkScope(app, ctx));
}

function notifySinkScope(app: FastifyInstance, ctx: AppContext): void {
  registerRawBody(app);
  const received: Received[] = [];
  app.post(NOTIFY_SINK_PATH, async (request, reply) => {
    const body = request.rawBody?.toString('utf8') ?? '';
    const header = (name: string) => String(request.headers[name.toLowerCase()] ?? '');
    const signatureValid = verifySync(
      responseMessage(header(Headers.timestamp), header(Headers.nonce), body),
      header(Headers.signature),
      ctx.platformKey.publicKeyPem,
    );
    const envelope = parseEnvelope(body);
    received.unshift({
      received_at: ctx.deps.clock.now().toISOString(),
      event_id: envelope?.id ?? null,
      event_type: envelope?.event_type ?? null,
      signature_valid: signatureValid,
      ...(envelope ? await decrypt(ctx, envelope) : { mchid: null, plaintext: null }),
    });
    received.length = Math.min(received.length, KEEP);
    return signatureValid ? reply.status(204).send() : reply.status(401).send({ code: 'FAIL', message: '失败' });
  });
  app.get(NOTIFY_SINK_PATH, async (request) => {
    requireAdmin(request, ctx.adminToken);
    return { data: received };
  });
}

async function decrypt(ctx: AppContext, e: CallbackEnvelopeT): Promise<{ mchid: string | null; plaintext: unknown }> {
  for (const m of await ctx.deps.store.listMerchants()) {
    try {
      const text = aeadDecrypt(e.resource.ciphertext, m.apiv3Key, e.resource.nonce, e.resource.associated_data ?? '');
      return { mchid: m.mchid, plaintext: JSON.parse(text) };
    } catch {}
  }
  return { mchid: null, plaintext: null };
}

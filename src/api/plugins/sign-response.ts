import { Headers, responseMessage, SIGNATURE_TYPE } from '@coupond/client/protocol';
import type { FastifyInstance } from 'fastify';
import { signAsync } from '../../protocol/rsa.js';
import type { AppContext } from '../context.js';

/**
 * Signs every response to an authenticated request of the `/v3` plugin it is registered in, errors included
 * (docs/protocol.md, Signing responses); 401s stay unsigned.
 */
export function registerResponseSigning(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.mchid === undefined || reply.statusCode === 401) return payload;
    const body = payload === null || payload === undefined ? '' : String(payload);
    const timestamp = String(Math.floor(ctx.wireClock.now().getTime() / 1000));
    const nonce = ctx.deps.ids.nonce();
    const signature = await signAsync(responseMessage(timestamp, nonce, body), ctx.platformKey.privateKey);
    reply.header(Headers.nonce, nonce);
    reply.header(Headers.timestamp, timestamp);
    reply.header(Headers.serial, ctx.platformKey.id);
    reply.header(Headers.signature, signature);
    reply.header(Headers.signatureType, SIGNATURE_TYPE);
    return body;
  });
}

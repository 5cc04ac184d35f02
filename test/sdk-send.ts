import { AsyncLocalStorage } from 'node:async_hooks';
import { createClient, type HttpMethod, WechatpayError } from '@coupond/client';
import { type SendOptions, type Signer, signedFetch } from './signed-fetch.js';

/** Signs and sends `method path body`; `options` override any part to build hostile requests. */
export type SendFn = (method: string, path: string, body?: unknown, options?: SendOptions) => Promise<Response>;

export interface Trust {
  id: string;
  publicKey: string;
}

/** Options that forge a request the SDK would never send: only the wire-format tests use them. */
const HOSTILE: readonly (keyof SendOptions)[] = [
  'timestamp',
  'nonce',
  'serial',
  'privateKey',
  'rawBody',
  'tamperedBody',
  'tamperedPath',
  'authorization',
];
const SDK_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] satisfies HttpMethod[];

const isHostile = (method: string, o: SendOptions) =>
  !SDK_METHODS.includes(method) || HOSTILE.some((key) => o[key] !== undefined);

/**
 * `signer`'s requests to `origin` as an integrator sends them: built, signed and sent by `@coupond/client`, whose
 * response checks stay on (a 2xx that does not verify fails the test). The test gets the raw response the SDK
 * received, through the SDK's `fetch` option. Hostile requests go through `signedFetch`, which forges any part.
 */
export function sdkSend(origin: string, signer: Signer & { privateKey: string }, trust: Trust): SendFn {
  const received = new AsyncLocalStorage<{ response?: Response }>();
  const client = createClient({
    baseURL: origin,
    mchid: signer.mchid,
    serial: signer.serial,
    privateKey: signer.privateKey,
    wechatpayPublicKey: trust.publicKey,
    wechatpayPublicKeyId: trust.id,
    maxRetries: 0,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const slot = received.getStore();
      if (slot) slot.response = response.clone();
      return response;
    },
  });
  return async (method, path, body, o = {}) => {
    if (isHostile(method, o)) return signedFetch(origin, signer, method, path, body, o);
    const slot: { response?: Response } = {};
    await received.run(slot, async () => {
      try {
        await client.request({
          method: method as HttpMethod,
          path,
          json: body,
          ...(o.headers ? { headers: o.headers } : {}),
        });
      } catch (error) {
        if (!(error instanceof WechatpayError)) throw error;
      }
    });
    if (!slot.response) throw new Error(`${method} ${path}: no response`);
    return slot.response;
  };
}

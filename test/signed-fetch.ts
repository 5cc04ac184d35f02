import { randomBytes } from 'node:crypto';
import { formatAuthorization, requestMessage } from '@coupond/client/protocol';
import { type PrivateKeyInput, signSync } from '../src/protocol/rsa.js';

export interface Signer {
  mchid: string;
  serial: string;
  privateKey: PrivateKeyInput;
}

export interface SendOptions {
  timestamp?: number;
  nonce?: string;
  serial?: string;
  privateKey?: string;
  rawBody?: string;
  /** Body actually sent when it must differ from the signed one. */
  tamperedBody?: string;
  /** Path actually requested when it must differ from the signed one. */
  tamperedPath?: string;
  headers?: Record<string, string>;
  authorization?: string | null;
}

/** The headers an SDK sends for `method path` with body `text` (docs/protocol.md, Signing requests). */
export function signedHeaders(
  signer: Signer,
  method: string,
  path: string,
  text: string,
  o: SendOptions = {},
): Record<string, string> {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? randomBytes(16).toString('hex');
  const signature = signSync(requestMessage(method, path, timestamp, nonce, text), o.privateKey ?? signer.privateKey);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': 'coupond-tests',
    ...(text !== '' || o.tamperedBody !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...o.headers,
  };
  if (o.authorization !== null)
    headers.Authorization =
      o.authorization ??
      formatAuthorization({
        mchid: signer.mchid,
        serial_no: o.serial ?? signer.serial,
        nonce_str: nonce,
        timestamp,
        signature,
      });
  return headers;
}

/** Signs and sends like an SDK would (docs/protocol.md, Signing requests); every part can be overridden to build hostile requests. */
export function signedFetch(
  origin: string,
  signer: Signer,
  method: string,
  path: string,
  body?: unknown,
  o: SendOptions = {},
): Promise<Response> {
  const text = o.rawBody ?? (body === undefined ? '' : JSON.stringify(body));
  const headers = signedHeaders(signer, method, path, text, o);
  const sent = o.tamperedBody ?? text;
  return fetch(`${origin.replace(/\/$/, '')}${o.tamperedPath ?? path}`, {
    method,
    headers,
    ...(sent !== '' ? { body: sent } : {}),
  });
}

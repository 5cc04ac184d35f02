import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AuthorizationFields,
  Headers as H,
  parseAuthorization,
  requestMessage,
  responseMessage,
  SIGNATURE_TYPE,
} from '@coupond/client/protocol';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { signSync, toPublicKey, verifySync } from '../../src/protocol/rsa.js';

/** Test-only stand-in for api.mch.weixin.qq.com: checks request signatures with src/protocol, signs its answers. */
export const MERCHANT = {
  mchid: '1900007291',
  serial: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
  privateKey: readFileSync(new URL('../fixtures/official-test-key.pem', import.meta.url), 'utf8'),
};
/** Self-signed X.509 certificate of the official test key (serial 5157F09E…), for platform-certificate mode. */
export const OFFICIAL_KEY_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDVTCCAj2gAwIBAgIUUVfwnv3Alt4V6+gaRwV6cjLxuOEwDQYJKoZIhvcNAQEL
BQAwOTEgMB4GA1UEAwwXVGVucGF5LmNvbSBSb290IENBIHRlc3QxFTATBgNVBAoM
DGNvdXBvbmQgdGVzdDAgFw0yNjExMjgwNzA0MDRaGA8yMTI2MTEwNDA3MDQwNFow
OTEgMB4GA1UEAwwXVGVucGF5LmNvbSBSb290IENBIHRlc3QxFTATBgNVBAoMDGNv
dXBvbmQgdGVzdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKbaZvqr
yAwof/cI1NukkAituqIGJAYQ62MZwGsNiW2wbKdaA2xypPta9/NTXgVBthxBQLlP
ha+9ruaLd8inc6BfxWowM0DSp5uevfw97qSqIvJmAWkk9eVIoPI/KqFFtVNteyy9
IxB5Upx1d5XGg016g6U0UeAX8/SKjoCYBWfP6E3xKJkq46y2Hn/NRMsa+2SDEFxC
ihCu1eFFyktPv3w7Ihv3F4nYc7fFG0y/b6l6sTNviAyJsjvhQHP7ZARueS5s8T7a
NTatFm52c0TP8E863dCP/DZXr8bRW6YYOHr5R4xTSO/hq6kfO1YhMLgCSfSXuUEI
3LeWCXxUVomeQjECAwEAAaNTMFEwHQYDVR0OBBYEFDO/Mmb/fR4loR5+r0GTrerX
DIN6MB8GA1UdIwQYMBaAFDO/Mmb/fR4loR5+r0GTrerXDIN6MA8GA1UdEwEB/wQF
MAMBAf8wDQYJKoZIhvcNAQELBQADggEBAA6bXdhA1aOZ7OHli8rw4i5T9wYx/q9E
MxBd4zWm9tmqYBpC0nWMtA+8p0mqik4VsthI13ymphC8Fq/GCLegxuwt9lwdB1QQ
CjKEW/n4Wnw/+o+06cgKhysHWDCs65xE3xz50iVXHTlBcraeMr5VrHLlSBawtRvS
cbRdh3/vkI2egBjeJ9ZyZU4yBnpDYBDtPvYCGiqeki9R7g7ntOXIQZR1tlpIHssR
nLvBQAtFkRXQzXAViD0ejE94WbOAabCIJ3qQJnEwFV5q+95orkxxIC+knaFNgtdJ
ICn/Q5m1URFoqnstKoSZTJyDSY7/NnHZqdsV9bnqUd0yahsly5iIQmw=
-----END CERTIFICATE-----
`;
export const OFFICIAL_CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';

const PLATFORM_KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000000001';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  auth: AuthorizationFields | undefined;
  /** The Authorization signature verified against the merchant key over the raw target and body. */
  verified: boolean;
}

interface Reply {
  status?: number;
  body?: string | object;
  headers?: Record<string, string>;
  /** Adjust or break the response signature. */
  sign?: false | { timestampOffset?: number; serial?: string; signature?: string; key?: string; signedBody?: string };
  delayMs?: number;
}

type Handler = (req: Received) => Reply | 'drop';

export interface FakeWechatpay {
  baseURL: string;
  platform: { publicKey: string; privateKey: string; id: string };
  received: Received[];
  /** Queue handlers for the next requests; when the queue is empty requests get `200 {"ok":true}`. */
  reply(...handlers: (Handler | Reply | 'drop')[]): void;
  /** Serve a static file at `path`, unsigned and without authentication (to load a page in a browser). */
  serve(path: string, contentType: string, body: string): void;
  close(): Promise<void>;
}

export async function startFakeWechatpay(): Promise<FakeWechatpay> {
  const platform = { ...generateRsaKeyPair(), id: PLATFORM_KEY_ID };
  const merchantPublic = toPublicKey(MERCHANT.privateKey);
  const received: Received[] = [];
  const queue: Handler[] = [];
  const files = new Map<string, { contentType: string; body: string }>();
  let requestNo = 0;

  function record(req: IncomingMessage, body: string): Received {
    const parsed = parseAuthorization(req.headers.authorization);
    const auth = parsed.ok ? parsed.fields : undefined;
    const message = auth ? requestMessage(req.method ?? '', req.url ?? '', auth.timestamp, auth.nonce_str, body) : '';
    const verified = !!auth && verifySync(message, auth.signature, merchantPublic);
    return { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, auth, verified };
  }

  function send(res: ServerResponse, reply: Reply): void {
    const status = reply.status ?? 200;
    const body =
      reply.body === undefined
        ? status === 204
          ? ''
          : '{"ok":true}'
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    const headers: Record<string, string> = { [H.requestId]: `REQ-${++requestNo}`, ...reply.headers };
    if (body) headers['Content-Type'] = 'application/json; charset=utf-8';
    if (reply.sign !== false) {
      const s = reply.sign ?? {};
      const timestamp = String(Math.floor(Date.now() / 1000) + (s.timestampOffset ?? 0));
      const nonce = `nonce${requestNo}`;
      Object.assign(headers, {
        [H.timestamp]: timestamp,
        [H.nonce]: nonce,
        [H.serial]: s.serial ?? platform.id,
        [H.signature]:
          s.signature ??
          signSync(responseMessage(timestamp, nonce, s.signedBody ?? body), s.key ?? platform.privateKey),
        [H.signatureType]: SIGNATURE_TYPE,
      });
    }
    res.writeHead(status, headers).end(body);
  }

  const server = createServer((req, res) => {
    const file = req.method === 'GET' ? files.get(req.url ?? '') : undefined;
    if (file) return void res.writeHead(200, { 'Content-Type': file.contentType }).end(file.body);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = record(req, Buffer.concat(chunks).toString('utf8'));
      received.push(r);
      if (!r.verified)
        return send(res, { status: 401, body: { code: 'SIGN_ERROR', message: '签名错误' }, sign: false });
      const reply = (queue.shift() ?? ((): Reply => ({})))(r);
      if (reply === 'drop') return void req.socket.destroy();
      if (reply.delayMs) setTimeout(() => send(res, reply), reply.delayMs);
      else send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/`,
    platform,
    received,
    reply: (...handlers) => {
      for (const h of handlers) queue.push(typeof h === 'function' ? h : () => h);
    },
    serve: (path, contentType, body) => void files.set(path, { contentType, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

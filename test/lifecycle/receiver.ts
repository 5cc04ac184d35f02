import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ProductCouponSendNotification, verifyAndDecryptCallback } from '@coupond/client';
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import type { CallbackEnvelope } from '../../src/schemas/callbacks.js';

export interface ReceivedCallback {
  headers: IncomingHttpHeaders;
  body: string;
  /** Real time of arrival (ms). */
  at: number;
  /** Set when the callback verified and decrypted. */
  envelope?: CallbackEnvelope;
  resource?: ProductCouponSendNotification;
  error?: string;
  /** What the receiver answered. */
  status: number;
}

export interface Trust {
  apiv3Key: string;
  platformId: string;
  platformPublicKey: string;
}

/**
 * A merchant's notify endpoint on a real local HTTP server. It verifies and decrypts every callback with the SDK's
 * `verifyAndDecryptCallback`, answers 401 to one that does not verify, and otherwise answers `status` (204 unless
 * told otherwise).
 */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  status: number | ((n: number) => number) = 204;
  private server: Server | null = null;
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly trust: Trust,
    private readonly verify: (
      headers: IncomingHttpHeaders,
      body: string,
      trust: Trust,
    ) => Promise<Verified> = sdkVerify,
  ) {}

  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.handle(req.headers, body).then((status) => {
          res.statusCode = status;
          if (status >= 400) res.setHeader('Content-Type', 'application/json');
          res.end(status >= 400 ? JSON.stringify({ code: 'FAIL', message: '失败' }) : undefined);
          this.notify();
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves once `count` callbacks have arrived in all. */
  waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedCallback[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} callbacks, got ${this.received.length}`)),
        timeoutMs,
      );
      const done = () => {
        clearTimeout(timer);
        resolve(this.received.slice(0, count));
      };
      if (this.received.length >= count) done();
      else this.waiters.push({ count, resolve: done });
    });
  }

  /** Callbacks that verified, with their decrypted resources. */
  get verified(): Required<Pick<ReceivedCallback, 'envelope' | 'resource'>>[] {
    return this.received.flatMap((r) =>
      r.envelope && r.resource ? [{ envelope: r.envelope, resource: r.resource }] : [],
    );
  }

  private async handle(headers: IncomingHttpHeaders, body: string): Promise<number> {
    const entry: ReceivedCallback = { headers, body, at: Date.now(), status: 0 };
    try {
      Object.assign(entry, await this.verify(headers, body, this.trust));
      entry.status = typeof this.status === 'number' ? this.status : this.status(this.received.length + 1);
    } catch (e) {
      entry.error = e instanceof Error ? e.message : String(e);
      entry.status = 401;
    }
    this.received.push(entry);
    return entry.status;
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => this.received.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.received.length < w.count);
    for (const w of ready) w.resolve();
  }
}

export interface Verified {
  envelope: CallbackEnvelope;
  resource: ProductCouponSendNotification;
}

async function sdkVerify(headers: IncomingHttpHeaders, body: string, trust: Trust): Promise<Verified> {
  const v = await verifyAndDecryptCallback<ProductCouponSendNotification>({
    headers,
    body,
    apiv3Key: trust.apiv3Key,
    wechatpayPublicKey: trust.platformPublicKey,
    wechatpayPublicKeyId: trust.platformId,
  });
  return { envelope: v.envelope, resource: v.resource };
}

/** Callbacks (docs/protocol.md) checked with wechatpay-axios-plugin's primitives only: `Rsa.verify(Formatter.response(…))`, `AesGcm`. */
export async function pluginVerify(headers: IncomingHttpHeaders, body: string, trust: Trust): Promise<Verified> {
  const header = (name: string) => String(headers[name] ?? '');
  const timestamp = header('wechatpay-timestamp');
  if (header('wechatpay-serial') !== trust.platformId) throw new Error('unknown Wechatpay-Serial');
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) throw new Error('stale Wechatpay-Timestamp');
  const message = Formatter.response(timestamp, header('wechatpay-nonce'), body);
  const key = Rsa.from(trust.platformPublicKey, Rsa.KEY_TYPE_PUBLIC);
  if (!Rsa.verify(message, header('wechatpay-signature'), key)) throw new Error('signature does not verify');
  const envelope = JSON.parse(body) as CallbackEnvelope;
  const r = envelope.resource;
  const plaintext = Aes.AesGcm.decrypt(r.ciphertext, trust.apiv3Key, r.nonce, r.associated_data ?? '');
  return { envelope, resource: JSON.parse(plaintext) as ProductCouponSendNotification };
}

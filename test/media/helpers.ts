import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import type { Running } from '../harness.js';
import { type SendOptions, signedHeaders } from '../signed-fetch.js';

export const UPLOAD_PATH = '/v3/marketing/partner/product-coupon/media/upload-image';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real PNG of `width` × `height`, filled with one colour. */
export function pngOf(width: number, height: number, rgb: [number, number, number] = [255, 87, 51]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

/** The start of a JPEG and of a BMP: enough for a type check by signature. */
export const jpegBytes = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
export const bmpBytes = () => Buffer.concat([Buffer.from('BM'), Buffer.alloc(62, 1)]);

export interface UploadParts {
  /** Text of the `meta` part; absent: no meta part. */
  meta?: string;
  file?: { bytes: Uint8Array; filename: string; type?: string };
  /** Further parts by name. */
  extra?: Record<string, string>;
}

/** The `meta` text for `bytes` under `filename`, as an SDK writes it. */
export const metaFor = (bytes: Uint8Array, filename = 'logo.png') =>
  JSON.stringify({ filename, sha256: sha256(bytes) });

/** Builds the multipart body with FormData, so its framing is what a browser or undici would send. */
export async function formBody(parts: UploadParts): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  if (parts.meta !== undefined) form.append('meta', parts.meta);
  if (parts.file)
    form.append(
      'file',
      new Blob([new Uint8Array(parts.file.bytes)], { type: parts.file.type ?? 'image/png' }),
      parts.file.filename,
    );
  for (const [name, value] of Object.entries(parts.extra ?? {})) form.append(name, value);
  const request = new Request('http://x/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}

export interface UploadOptions extends SendOptions {
  /** The text signed as the body; the `meta` part by default. */
  signed?: string;
  contentType?: string;
  /** Sent instead of the built form. */
  sentBody?: Buffer;
}

/** Signs `meta` (or `o.signed`) and posts the form, as WeChat's media signing says. */
export async function upload(c: Running, parts: UploadParts, o: UploadOptions = {}): Promise<Response> {
  const { body, contentType } = await formBody(parts);
  const headers = signedHeaders(c.merchant, 'POST', UPLOAD_PATH, o.signed ?? parts.meta ?? '', o);
  headers['Content-Type'] = o.contentType ?? contentType;
  return fetch(`${c.baseURL.replace(/\/$/, '')}${UPLOAD_PATH}`, {
    method: 'POST',
    headers,
    body: new Uint8Array(o.sentBody ?? body),
  });
}

/** Uploads `bytes` correctly and answers the image URL. */
export async function uploaded(c: Running, bytes: Uint8Array, filename = 'logo.png'): Promise<string> {
  const res = await upload(c, { meta: metaFor(bytes, filename), file: { bytes, filename } });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { image_url: string }).image_url;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedBody } from '../api/verify-response.js';
import { clientOf, type Running, startCoupond } from '../harness.js';
import { bmpBytes, jpegBytes, metaFor, pngOf, sha256, upload, uploaded } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

/** Fetches a media URL and reads its body whole. */
async function served(url: string) {
  const res = await fetch(url);
  const bytes = (await res.arrayBuffer()).byteLength;
  return res.status === 200
    ? { status: res.status, type: res.headers.get('content-type'), bytes }
    : { status: res.status };
}

describe('图片上传 (D-90)', () => {
  it('keeps a PNG and answers a signed image_url that serves the same bytes', async () => {
    const png = pngOf(64, 32);
    const res = await upload(c, { meta: metaFor(png), file: { bytes: png, filename: 'logo.png' } });
    expect(res.status).toBe(200);
    const text = await verifiedBody(res, c.platform.publicKey);
    const { image_url } = JSON.parse(text) as { image_url: string };
    expect(image_url).toBe(`${c.baseURL}media/images/${sha256(png)}.png`);

    const served = await fetch(image_url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('etag')).toBe(`"${sha256(png)}"`);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const again = await fetch(image_url, { headers: { 'If-None-Match': `"${sha256(png)}"` } });
    expect(again.status).toBe(304);
  });

  it('types JPEG and BMP by their bytes, whatever the file name says', async () => {
    const jpeg = jpegBytes();
    const jpegUrl = await uploaded(c, jpeg, 'photo.PNG');
    expect(jpegUrl.endsWith(`${sha256(jpeg)}.jpg`)).toBe(true);
    expect(await served(jpegUrl)).toEqual({ status: 200, type: 'image/jpeg', bytes: jpeg.length });
    const bmp = bmpBytes();
    const bmpUrl = await uploaded(c, bmp, 'icon.bmp');
    expect(await served(bmpUrl)).toEqual({ status: 200, type: 'image/bmp', bytes: bmp.length });
  });

  it('answers the same URL for the same bytes, and 404 for any other name', async () => {
    const png = pngOf(8, 8, [1, 2, 3]);
    const first = await uploaded(c, png, 'a.png');
    expect(await uploaded(c, png, 'b.jpeg')).toBe(first);
    for (const url of [
      first.replace('.png', '.jpg'),
      first.replace(/[0-9a-f]{64}/, '0'.repeat(64)),
      first.replace(/[0-9a-f]{64}/, (id) => id.toUpperCase()),
      `${c.baseURL}media/images/logo.png`,
      `${c.baseURL}media/images/${'a'.repeat(64)}.png%2F..%2F..%2Fadmin`,
    ])
      expect((await served(url)).status, url).toBe(404);
  });

  it('accepts the largest image, exactly 2 MiB', async () => {
    const bytes = Buffer.alloc(2 * 1024 * 1024, 0);
    pngOf(1, 1).copy(bytes);
    const url = await uploaded(c, bytes, 'big.png');
    expect(await served(url)).toEqual({ status: 200, type: 'image/png', bytes: bytes.length });
  });

  it('uploads through coupond/client in all three call styles', async () => {
    const client = clientOf(c);
    const media = { filename: 'sdk.png', data: pngOf(3, 3, [9, 9, 9]) };
    const chained = await client.v3.marketing.partner.productCoupon.media.uploadImage.post({ media });
    const declared = await client.chain('v3/marketing/partner/product-coupon/media/upload-image').post({ media });
    const property = await client['v3/marketing/partner/product-coupon/media/upload-image'].post({ media });
    expect(chained.data.image_url).toMatch(/\/media\/images\/[0-9a-f]{64}\.png$/);
    expect(declared.data).toEqual(chained.data);
    expect(property.data).toEqual(chained.data);
  });
});

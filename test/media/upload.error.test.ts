import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { verifiedBody } from '../api/verify-response.js';
import { type Running, startCoupond } from '../harness.js';
import { formBody, metaFor, pngOf, UPLOAD_PATH, type UploadOptions, type UploadParts, upload } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

const png = pngOf(4, 4);
const good = (): UploadParts => ({ meta: metaFor(png), file: { bytes: png, filename: 'logo.png' } });

/** The status and WeChat error body of an upload, checking that the answer is signed unless it is a 401/413. */
async function refused(parts: UploadParts, o: UploadOptions = {}) {
  const res = await upload(c, parts, o);
  const text =
    res.status === 401 || res.status === 413 ? await res.text() : await verifiedBody(res, c.platform.publicKey);
  const body = JSON.parse(text) as { code: string; message: string; detail?: { field?: string } };
  return { status: res.status, code: body.code, field: body.detail?.field, message: body.message };
}

describe('图片上传: signature over meta (D-90)', () => {
  it('401 SIGN_ERROR when the signed text is not the meta part', async () => {
    expect(await refused(good(), { signed: '' })).toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    expect(await refused(good(), { signed: metaFor(pngOf(1, 1)) })).toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    const { body } = await formBody(good());
    expect(await refused(good(), { signed: body.toString('latin1') })).toMatchObject({ status: 401 });
  });

  it('401 SIGN_ERROR with another key, and on a replayed nonce', async () => {
    const other = generateRsaKeyPair().privateKey;
    expect(await refused(good(), { privateKey: other })).toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    const nonce = 'A'.repeat(32);
    expect((await upload(c, good(), { nonce })).status).toBe(200);
    expect(await refused(good(), { nonce })).toMatchObject({ status: 401, code: 'SIGN_ERROR' });
  });

  it('a meta part pretty-printed is verified as sent', async () => {
    const { filename, sha256 } = JSON.parse(metaFor(png)) as { filename: string; sha256: string };
    const meta = `{ "filename" : "${filename}",  "sha256" : "${sha256}" }`;
    const res = await upload(c, { ...good(), meta });
    expect(res.status).toBe(200);
  });
});

describe('图片上传: the file', () => {
  it('400 PARAM_ERROR when sha256 does not match the file', async () => {
    const meta = metaFor(pngOf(2, 2));
    expect(await refused({ ...good(), meta })).toMatchObject({
      status: 400,
      code: 'PARAM_ERROR',
      field: '/meta/sha256',
    });
  });

  it('400 PARAM_ERROR over 2 MiB, 413 over the request limit', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1);
    png.copy(big);
    const parts = { meta: metaFor(big), file: { bytes: big, filename: 'big.png' } };
    expect(await refused(parts)).toMatchObject({ status: 400, code: 'PARAM_ERROR', field: '/file' });
    const huge = Buffer.alloc(3 * 1024 * 1024);
    const res = await refused({ meta: metaFor(huge), file: { bytes: huge, filename: 'huge.png' } });
    expect(res).toMatchObject({ status: 413, code: 'INVALID_REQUEST' });
  });

  it('400 PARAM_ERROR for bytes that are not PNG, JPEG or BMP, whatever the name', async () => {
    for (const bytes of [Buffer.from('GIF89a............'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')]) {
      const parts = { meta: metaFor(bytes, 'fake.png'), file: { bytes, filename: 'fake.png' } };
      expect(await refused(parts)).toMatchObject({ status: 400, code: 'PARAM_ERROR', field: '/file' });
    }
  });

  it('400 PARAM_ERROR for a file name without a JPG, BMP or PNG suffix, or over 150 characters', async () => {
    for (const filename of ['logo.gif', 'logo', 'png', `${'图'.repeat(147)}.png`]) {
      const parts = { meta: metaFor(png, filename), file: { bytes: png, filename } };
      expect(await refused(parts), filename).toMatchObject({ status: 400, code: 'PARAM_ERROR', field: '/filename' });
    }
    const longest = `${'图'.repeat(146)}.png`;
    expect((await upload(c, { meta: metaFor(png, longest), file: { bytes: png, filename: longest } })).status).toBe(
      200,
    );
  });
});

describe('图片上传: missing and unknown parts', () => {
  it('400 PARAM_ERROR without the meta part (the signature then covers the body as sent)', async () => {
    const parts = { file: { bytes: Buffer.from('BM plain text'), filename: 'logo.bmp' } };
    const { body, contentType } = await formBody(parts);
    const res = await refused(parts, { signed: body.toString('utf8'), sentBody: body, contentType });
    expect(res).toMatchObject({ status: 400, code: 'PARAM_ERROR', field: '/meta' });
  });

  it('400 PARAM_ERROR without the file part', async () => {
    expect(await refused({ meta: metaFor(png) })).toMatchObject({ status: 400, code: 'PARAM_ERROR', field: '/file' });
  });

  it('400 PARAM_ERROR for meta that is not JSON, lacks a field or has one too many', async () => {
    for (const [meta, field] of [
      ['{"filename":', undefined],
      ['[]', '/'],
      [JSON.stringify({ filename: 'logo.png' }), '/sha256'],
      [JSON.stringify({ filename: 'logo.png', sha256: 'xyz' }), '/sha256'],
    ] as const)
      expect(await refused({ ...good(), meta }), meta).toMatchObject({ status: 400, code: 'PARAM_ERROR', field });
    const extra = JSON.stringify({ ...JSON.parse(metaFor(png)), bank_type: 'X' });
    expect(await refused({ ...good(), meta: extra })).toMatchObject({ status: 400, code: 'PARAM_ERROR' });
  });

  it('400 PARAM_ERROR for a part the API does not define, or a part sent twice', async () => {
    const res = await refused({ ...good(), extra: { note: 'x' } });
    expect(res).toMatchObject({ status: 400, code: 'PARAM_ERROR', message: '请求中含有未在API文档中定义的参数' });
    expect(await refused({ ...good(), extra: { file: 'again' } })).toMatchObject({ status: 400, code: 'PARAM_ERROR' });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, 'x']));
    expect(await refused({ ...good(), extra: many })).toMatchObject({ status: 400, code: 'PARAM_ERROR' });
  });
});

describe('图片上传: hostile bodies never reach a 500', () => {
  it('400 INVALID_REQUEST, signed, for a JSON body signed as usual', async () => {
    const text = JSON.stringify({ filename: 'logo.png', sha256: 'a'.repeat(64) });
    const res = await c.send('POST', UPLOAD_PATH, undefined, { rawBody: text });
    expect(res.status).toBe(400);
    const body = JSON.parse(await verifiedBody(res, c.platform.publicKey)) as { code: string };
    expect(body.code).toBe('INVALID_REQUEST');
  });

  it('400 PARAM_ERROR, signed, for a form that ends early or has no closing boundary', async () => {
    const { body, contentType } = await formBody(good());
    for (const cut of [body.subarray(0, body.length - 40), body.subarray(0, 60), Buffer.from('garbage')]) {
      const res = await refused(good(), { sentBody: cut, signed: cut.toString('utf8'), contentType });
      expect([400]).toContain(res.status);
      expect(['PARAM_ERROR', 'INVALID_REQUEST']).toContain(res.code);
    }
  });

  it('a multipart type without a boundary is answered like any wrong Content-Type', async () => {
    const { body } = await formBody(good());
    const res = await refused(good(), {
      contentType: 'multipart/form-data',
      sentBody: body,
      signed: body.toString('utf8'),
    });
    expect(res).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
  });
});

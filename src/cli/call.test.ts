import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWechatpay, MERCHANT, startFakeWechatpay } from '../../test/client/fake-wechatpay.js';
import { runCall } from './call.js';

let server: FakeWechatpay;
let dir: string;
let credentials: string;

beforeAll(async () => {
  server = await startFakeWechatpay();
  dir = mkdtempSync(join(tmpdir(), 'coupond-call-'));
  writeFileSync(join(dir, 'merchant.pem'), MERCHANT.privateKey);
  writeFileSync(join(dir, 'wechatpay.pem'), server.platform.publicKey);
  credentials = join(dir, 'credentials.json');
  writeFileSync(
    credentials,
    JSON.stringify({
      base_url: server.baseURL,
      mchid: MERCHANT.mchid,
      serial_no: MERCHANT.serial,
      private_key_path: 'merchant.pem',
      wechatpay_public_key_path: join(dir, 'wechatpay.pem'),
      wechatpay_public_key_id: server.platform.id,
      apiv3_key: '0123456789abcdef0123456789abcdef',
      brand_id: '120344',
      appid: 'wx233544546545989',
      admin_token: 'admin',
    }),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(...argv: string[]) {
  const io = { out: '', err: '' };
  const code = await runCall(argv, credentials, { out: (t) => (io.out += t), err: (t) => (io.err += t) });
  return { code, ...io };
}

describe('coupond call', () => {
  it('sends the exact --json text with --params, and prints the verified answer', async () => {
    server.reply({ body: { notify_url: 'https://example.com/n' } });
    const json = '{"notify_url": "https://example.com/n"}';
    const before = server.received.length;
    const out = await call(
      'post',
      '/v3/marketing/partner/product-coupon/notify-configs',
      '--json',
      json,
      '--params',
      'a=1&b=x y',
    );
    expect(out.code).toBe(0);
    expect(out.out).toMatch(/^HTTP 200\nRequest-ID: REQ-\d+\n\{\n {2}"notify_url": "https:\/\/example.com\/n"\n\}\n$/);
    expect(server.received[before]).toMatchObject({
      method: 'POST',
      url: '/v3/marketing/partner/product-coupon/notify-configs?a=1&b=x%20y',
      body: json,
      verified: true,
    });
  });

  it('prints WeChat’s error body and exits 1', async () => {
    server.reply({ status: 404, body: { code: 'NOT_FOUND', message: '未找到品牌通知配置' } });
    const out = await call('GET', '/v3/marketing/partner/product-coupon/notify-configs');
    expect(out.code).toBe(1);
    expect(out.err).toContain('HTTP 404\nRequest-ID: REQ-');
    expect(out.err).toContain('"code": "NOT_FOUND"');
  });

  it('rejects an unsigned success', async () => {
    server.reply({ sign: false });
    const out = await call('GET', '/v3/x');
    expect(out).toMatchObject({ code: 1, err: expect.stringContaining('response rejected (headers)') });
  });

  it('explains bad usage', async () => {
    for (const argv of [[], ['FETCH', '/v3/x'], ['POST', '/v3/x', '--json', '{oops'], ['GET', '/v3/x', '--bogus']]) {
      const out = await call(...argv);
      expect(out.code).toBe(1);
      expect(out.err).toContain('usage: coupond call');
    }
  });

  it('reads credentials from --data', async () => {
    const out = await runCall(['GET', '/v3/x', '--data', dir], '/nonexistent/credentials.json', {
      out: () => {},
      err: () => {},
    });
    expect(out).toBe(0);
  });
});

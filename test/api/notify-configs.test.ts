import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import { verifiedBody } from './verify-response.js';

const PATH = '/v3/marketing/partner/product-coupon/notify-configs';

describe('notify-configs (设置商品券事件通知地址, D-23)', () => {
  let sandbox: Running;
  let production: Running;
  beforeAll(async () => {
    sandbox = await startCoupond({ sandbox: true });
    production = await startCoupond({ sandbox: false });
  });
  afterAll(async () => {
    await sandbox.close();
    await production.close();
  });

  it('GET before any POST → 404 NOT_FOUND 未找到品牌通知配置, signed', async () => {
    const res = await production.send('GET', PATH);
    expect(res.status).toBe(404);
    expect(JSON.parse(await verifiedBody(res, production.platform.publicKey))).toEqual({
      code: 'NOT_FOUND',
      message: '未找到品牌通知配置',
    });
  });

  it('POST sets it, GET reads it back with the same update_time', async () => {
    const set = await production.send('POST', PATH, { notify_url: 'https://merchant.example.com/coupon/notify' });
    expect(set.status).toBe(200);
    const written = JSON.parse(await verifiedBody(set, production.platform.publicKey));
    expect(written.notify_url).toBe('https://merchant.example.com/coupon/notify');
    expect(written.update_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const got = await production.send('GET', PATH);
    expect(JSON.parse(await verifiedBody(got, production.platform.publicKey))).toEqual(written);
  });

  it('refuses a query string and, outside sandbox, plain http', async () => {
    const q = await production.send('POST', PATH, { notify_url: 'https://merchant.example.com/n?x=1' });
    expect(q.status).toBe(400);
    expect((await q.json()).code).toBe('PARAM_ERROR');
    const http = await production.send('POST', PATH, { notify_url: 'http://merchant.example.com/n' });
    expect(http.status).toBe(400);
  });

  it('accepts http://localhost in sandbox mode', async () => {
    const res = await sandbox.send('POST', PATH, { notify_url: 'http://127.0.0.1:9999/notify' });
    expect(res.status).toBe(200);
  });
});

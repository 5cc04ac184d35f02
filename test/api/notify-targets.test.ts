import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifyTargets } from '../../src/notify/targets.js';
import { type Running, startCoupond } from '../harness.js';
import { verifiedBody } from './verify-response.js';

const PATH = '/v3/marketing/partner/product-coupon/notify-configs';

/** Each hostile URL with the block it must be refused as. */
const HOSTILE: [string, string][] = [
  ['https://127.0.0.1:22', 'loopback'],
  ['https://169.254.169.254/latest', 'linkLocal'],
  ['https://10.0.0.1', 'private'],
  ['https://172.16.5.4/notify', 'private'],
  ['https://192.168.1.1/notify', 'private'],
  ['https://100.64.0.1/notify', 'carrierGradeNat'],
  ['https://0.0.0.0/notify', 'unspecified'],
  ['https://255.255.255.255/notify', 'broadcast'],
  ['https://224.0.0.1/notify', 'multicast'],
  ['https://240.0.0.1/notify', 'reserved'],
  ['https://[::1]', 'loopback'],
  ['https://[::]/notify', 'unspecified'],
  ['https://[fe80::1]/notify', 'linkLocal'],
  ['https://[fd00::1]/notify', 'uniqueLocal'],
  ['https://[ff02::1]/notify', 'multicast'],
  ['https://[::ffff:127.0.0.1]', 'loopback'],
  ['https://[::ffff:10.1.2.3]/notify', 'private'],
  ['https://[64:ff9b::a9fe:a9fe]/notify', 'linkLocal'],
  ['https://[::127.0.0.1]/notify', 'ipv4Compatible'],
  ['https://localhost', 'localhost'],
  ['https://LocalHost./notify', 'localhost'],
  ['https://api.localhost/notify', 'localhost'],
  ['https://2130706433', 'loopback'],
  ['https://0x7f000001/notify', 'loopback'],
  ['https://0x7f.1', 'loopback'],
  ['https://0177.0.0.1/notify', 'loopback'],
  ['https://017700000001/notify', 'loopback'],
];

describe('notify targets at set time (D-35)', () => {
  let production: Running;
  let allowing: Running;
  let sandbox: Running;
  beforeAll(async () => {
    production = await startCoupond({ sandbox: false });
    allowing = await startCoupond({
      sandbox: false,
      notifyTargets: new NotifyTargets({ allow: ['10.0.0.0/8', '::1'] }),
    });
    sandbox = await startCoupond({ sandbox: true });
  });
  afterAll(async () => {
    await Promise.all([production.close(), allowing.close(), sandbox.close()]);
  });

  const set = async (c: Running, notifyUrl: string) => {
    const res = await c.send('POST', PATH, { notify_url: notifyUrl });
    return { status: res.status, body: JSON.parse(await verifiedBody(res, c.platform.publicKey)) };
  };

  it.each(HOSTILE)(
    'refuses %s (%s) with 400 PARAM_ERROR naming notify_url, and keeps the old URL',
    async (url, range) => {
      await set(production, 'https://merchant.example.com/notify');
      const { status, body } = await set(production, url);
      expect(status).toBe(400);
      expect(body.code).toBe('PARAM_ERROR');
      expect(body.message).toContain(`属于 ${range} 地址段`);
      expect(body.detail).toMatchObject({ field: '/notify_url', location: 'body', value: url });
      const got = await production.send('GET', PATH);
      expect((await got.json()).notify_url).toBe('https://merchant.example.com/notify');
    },
  );

  it('refuses credentials in the URL, in the sandbox too', async () => {
    for (const c of [production, sandbox]) {
      const { status, body } = await set(c, 'https://user:pass@example.com/notify');
      expect([status, body.code, body.message]).toEqual([
        400,
        'PARAM_ERROR',
        '输入源“/body/notify_url”映射到字段“notify_url”格式规则校验失败，不能携带用户名或密码',
      ]);
      expect(body.detail.field).toBe('/notify_url');
      expect((await set(c, 'https://user@example.com/notify')).status).toBe(400);
    }
  });

  it('accepts public host names and public addresses', async () => {
    for (const url of [
      'https://merchant.example.com/coupon/notify',
      'https://8.8.8.8/notify',
      'https://[2606:4700:4700::1111]/notify',
      'https://localhost.example.com/notify',
    ]) {
      const { status, body } = await set(production, url);
      expect([status, body.notify_url]).toEqual([200, url]);
    }
  });

  it('lets the operator allow internal blocks, and only those', async () => {
    for (const url of ['https://10.0.0.1/notify', 'https://[::1]/notify', 'https://localhost/notify'])
      expect((await set(allowing, url)).status).toBe(200);
    for (const url of ['https://192.168.1.1/notify', 'https://127.0.0.1/notify', 'https://169.254.169.254/latest'])
      expect((await set(allowing, url)).status).toBe(400);
  });

  it('keeps the sandbox permissive: http and loopback are fine there', async () => {
    for (const url of ['http://127.0.0.1:9999/notify', 'https://localhost/notify', 'https://10.0.0.1'])
      expect((await set(sandbox, url)).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { type Running, startCoupond } from '../harness.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

const addKey = (body: Record<string, string>) =>
  fetch(`${c.baseURL}admin/v1/merchants/${c.merchant.mchid}/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('merchant keys (D-1)', () => {
  it('a second key with its own certificate serial, even one starting with 00, signs requests', async () => {
    const pair = generateRsaKeyPair();
    const serial = `00${'4F'.repeat(19)}`;
    const res = await addKey({ public_key: pair.publicKey, serial_no: serial });
    expect(res.status).toBe(201);
    expect((await res.json()).serial_no).toBe(serial);
    for (const form of [serial, serial.toLowerCase(), serial.slice(2)]) {
      const call = await c.send('GET', '/v3/marketing/partner/product-coupon/notify-configs', undefined, {
        serial: form,
        privateKey: pair.privateKey,
      });
      expect(call.status).not.toBe(401);
    }
  });

  it('generates a key pair when none is uploaded, and refuses a malformed one', async () => {
    const generated = await (await addKey({})).json();
    expect(generated.serial_no).toMatch(/^[0-9A-F]{40}$/);
    expect(generated.private_key).toContain('BEGIN PRIVATE KEY');
    const bad = await addKey({ public_key: 'not a key' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('PARAM_ERROR');
  });

  it('refuses the admin API without the admin token', async () => {
    const res = await fetch(`${c.baseURL}admin/v1/merchants`, { headers: { Authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
  });
});

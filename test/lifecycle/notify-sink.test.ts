import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { presendBody, SEND } from '../issuance/helpers.js';
import { paths } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond({ sandbox: true });
});
afterAll(() => c.close());

interface SinkEntry {
  event_type: string;
  signature_valid: boolean;
  mchid: string;
  plaintext: { coupon_code: string; send_channel: string };
}

describe('sandbox notify sink', () => {
  it('receives, verifies and decrypts the SEND callbacks of a merchant pointed at it', async () => {
    await c.send('POST', paths.notify, {
      notify_url: `${c.baseURL}sandbox/v1/notify-sink`,
    });
    const s = await seedBundle(c);
    const sent = await (await c.send('POST', SEND('o-sink'), presendBody(c, s, 'SINK_000001'))).json();
    const code = sent.user_product_coupon_list[0].coupon_code;
    let entries: SinkEntry[] = [];
    for (let i = 0; i < 40 && entries.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(`${c.baseURL}sandbox/v1/notify-sink`, {
        headers: { Authorization: `Bearer ${c.adminToken}` },
      });
      entries = ((await res.json()) as { data: SinkEntry[] }).data;
    }
    expect(entries[0]).toMatchObject({
      event_type: 'PRODUCT_COUPON_SP.SEND',
      signature_valid: true,
      mchid: c.merchant.mchid,
      plaintext: { coupon_code: code, send_channel: 'API' },
    });
  });

  it('counts issuance outcomes, delivery attempts and their lag in /metrics', async () => {
    const metrics = await (await fetch(`${c.baseURL}metrics`)).text();
    expect(metrics).toMatch(/coupond_issuance_outcomes_total\{channel="API",outcome="RECEIVED"\} 1/);
    expect(metrics).toMatch(/coupond_webhook_attempts_total\{outcome="DELIVERED"\} [1-9]/);
    expect(metrics).toMatch(/coupond_outbox_lag_seconds_count [1-9]/);
    expect(metrics).toMatch(/coupond_http_requests_total\{route=/);
  });

  it('answers 401 to a callback with a bad signature, and the list needs the admin token', async () => {
    const res = await fetch(`${c.baseURL}sandbox/v1/notify-sink`, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect((await fetch(`${c.baseURL}sandbox/v1/notify-sink`)).status).toBe(401);
  });
});

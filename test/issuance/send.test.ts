import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedBody } from '../api/verify-response.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { claim, PRESEND, preSendToken, presendBody, SEND } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

describe('direct send (向用户发放商品券批次组, D-5, D-6)', () => {
  it('issues coupon #0 at once with send_channel API and replays an identical request', async () => {
    const s = await seedBundle(c, { maxCount: 5 });
    const body = presendBody(c, s, `SEND_${'x'.repeat(100)}`, { attach: 'api-attach' });
    const res = await c.send('POST', SEND('o-direct'), body);
    expect(res.status).toBe(200);
    const first = JSON.parse(await verifiedBody(res, c.platform.publicKey));
    expect(first.user_product_coupon_list).toHaveLength(1);
    expect(first.user_product_coupon_list[0]).toMatchObject({
      coupon_state: 'CONFIRMING',
      send_channel: 'API',
      attach: 'api-attach',
      user_product_coupon_bundle_info: { user_coupon_bundle_id: first.user_coupon_bundle_id, total_count: 3 },
    });
    const replay = await (await c.send('POST', SEND('o-direct'), body)).json();
    expect(replay.user_coupon_bundle_id).toBe(first.user_coupon_bundle_id);
    expect((await c.store.getStock(s.stockIds[0]!, '1970-01-01'))?.totalCount).toBe(1);
  });

  it('refuses the same number with other parameters (400 ALREADY_EXISTS)', async () => {
    const s = await seedBundle(c);
    expect((await c.send('POST', SEND('o-a'), presendBody(c, s, 'SENDDUP_01'))).status).toBe(200);
    const res = await c.send('POST', SEND('o-b'), presendBody(c, s, 'SENDDUP_01'));
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('ALREADY_EXISTS');
  });

  it('shares the number space with pre-send (D-6)', async () => {
    const s = await seedBundle(c);
    const token = await preSendToken(c, s, 'o-shared', 'SHARED_001');
    const claimed = await claim(c, token);
    const same = await (await c.send('POST', SEND('o-shared'), presendBody(c, s, 'SHARED_001'))).json();
    expect(same.user_coupon_bundle_id).toBe(claimed.user_coupon_bundle_id);
    const other = await c.send('POST', SEND('o-someone-else'), presendBody(c, s, 'SHARED_001'));
    expect((await other.json()).code).toBe('ALREADY_EXISTS');
    const sent = await (await c.send('POST', SEND('o-first-api'), presendBody(c, s, 'SHARED_002'))).json();
    const preSendOther = await c.send('POST', PRESEND('o-intruder'), presendBody(c, s, 'SHARED_002'));
    expect(sent.user_coupon_bundle_id).toBeTruthy();
    expect((await preSendOther.json()).code).toBe('ALREADY_EXISTS');
  });

  it('answers the budget errors: per user 400, sold out 403, and validates coupon_tag_info', async () => {
    const s = await seedBundle(c, { maxCount: 2, maxCountPerUser: 1 });
    expect((await c.send('POST', SEND('o-x'), presendBody(c, s, 'BUDGET_001'))).status).toBe(200);
    const again = await c.send('POST', SEND('o-x'), presendBody(c, s, 'BUDGET_002'));
    expect([again.status, (await again.json()).message]).toEqual([400, '用户领取已达到上限']);
    expect((await c.send('POST', SEND('o-y'), presendBody(c, s, 'BUDGET_003'))).status).toBe(200);
    const sold = await c.send('POST', SEND('o-z'), presendBody(c, s, 'BUDGET_004'));
    expect([sold.status, (await sold.json()).code]).toEqual([403, 'NOT_ENOUGH']);
    const tag = await c.send(
      'POST',
      SEND('o-tag'),
      presendBody(c, s, 'BUDGET_005', { coupon_tag_info: { coupon_tag_list: ['MEMBER'] } }),
    );
    expect([tag.status, (await tag.json()).code]).toEqual([400, 'PARAM_ERROR']);
  });

  it('200 concurrent sends for distinct users on a budget of 30 → exactly 30 bundles', async () => {
    const s = await seedBundle(c, { maxCount: 30 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        c
          .send('POST', SEND(`o-rush-${i}`), presendBody(c, s, `RUSH_${String(i).padStart(5, '0')}`))
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((x) => x === 200)).toHaveLength(30);
    expect(statuses.filter((x) => x === 403)).toHaveLength(170);
    expect((await c.store.getStock(s.stockIds[0]!, '1970-01-01'))?.totalCount).toBe(30);
  });
});

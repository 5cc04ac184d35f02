import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../catalog/helpers.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { claim, PRESEND, preSendToken, presendBody, SEND } from '../issuance/helpers.js';
import { bundleCoupons, confirmAndUse, sendBundle } from '../lifecycle/helpers.js';
import { countInfo, fresh, upload } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

const NO_CODES = '商品券批次预上传券Code剩余数量不足';

describe('issuance from the code pool', () => {
  it('send and claim hand out the uploaded codes, oldest first, and count them', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD', maxCountPerUser: 5 });
    const [a, b] = [fresh('a'), fresh('b')];
    await upload(c, s, [a]);
    await upload(c, s, [b]);
    const sent = await sendBundle(c, s, fresh('o'));
    expect(sent.code0).toBe(a);
    const claimed = await claim(c, await preSendToken(c, s, fresh('o'), fresh('PRE')));
    expect(claimed).toMatchObject({ result: 'RECEIVED', coupon_code: b });
    expect(await countInfo(c, s)).toEqual({ total_count: 2, available_count: 0 });
    expect((await c.store.getUserCoupon(b))?.userCouponBundleId).toBe(claimed.user_coupon_bundle_id);
  });

  it('an empty pool answers 403 NOT_ENOUGH to pre-send and send, SOLD_OUT to a claim, and issues nothing', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    await expectError(
      await c.send('POST', PRESEND('o-e'), presendBody(c, s, fresh('PRE'))),
      403,
      'NOT_ENOUGH',
      NO_CODES,
    );
    await expectError(await c.send('POST', SEND('o-e'), presendBody(c, s, fresh('SEND'))), 403, 'NOT_ENOUGH', NO_CODES);
    await upload(c, s, [fresh('one')]);
    const token = await preSendToken(c, s, 'o-late', fresh('PRE'));
    await sendBundle(c, s, fresh('o'));
    expect(await claim(c, token)).toEqual({ result: 'SOLD_OUT' });
    expect((await c.store.getStock(s.stockIds[0]!, '2000-01-01'))?.totalCount).toBe(1);
  });

  it('the last code claimed by many users at once goes to exactly one of them', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const last = fresh('last');
    await upload(c, s, [last]);
    const tokens = await Promise.all(
      Array.from({ length: 12 }, (_, n) => preSendToken(c, s, `o-many-${n}`, fresh('PRE'))),
    );
    const results = await Promise.all(tokens.map((t) => claim(c, t)));
    expect(results.filter((r) => r.result === 'RECEIVED')).toEqual([
      expect.objectContaining({ result: 'RECEIVED', coupon_code: last }),
    ]);
    expect(results.filter((r) => r.result === 'SOLD_OUT')).toHaveLength(11);
    expect(await countInfo(c, s)).toEqual({ total_count: 1, available_count: 0 });
  });

  it('the last code sent to many users at once goes to exactly one; the others get NOT_ENOUGH', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    await upload(c, s, [fresh('last')]);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) => c.send('POST', SEND(`o-send-${n}`), presendBody(c, s, fresh('SEND')))),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of answers.filter((a) => a.status !== 200)) await expectError(r, 403, 'NOT_ENOUGH', NO_CODES);
  });

  it('a later round takes its code from its own stock’s pool; with that pool empty no round follows', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD', maxCountPerUser: 5 });
    const [r0a, r0b, r1] = [fresh('r0a'), fresh('r0b'), fresh('r1')];
    await upload(c, s, [r0a, r0b]);
    await upload(c, s, [r1], 1);
    const openid = fresh('o');
    const first = await sendBundle(c, s, openid);
    await confirmAndUse(c, s, openid, first.code0, 0);
    expect((await bundleCoupons(c, first.bundleId)).map((k) => k.couponCode)).toEqual([first.code0, r1]);
    const second = await sendBundle(c, s, openid);
    await confirmAndUse(c, s, openid, second.code0, 0);
    expect((await bundleCoupons(c, second.bundleId)).map((k) => k.couponCode)).toEqual([second.code0]);
    expect(await countInfo(c, s, 1)).toEqual({ total_count: 1, available_count: 0 });
  });
});

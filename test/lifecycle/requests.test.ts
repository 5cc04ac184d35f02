import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import {
  bundleCoupons,
  call,
  confirmBody,
  type Env,
  paths,
  returnBody,
  sendBundle,
  startWithReceiver,
  useBody,
} from './helpers.js';

let env: Env;
beforeAll(async () => {
  env = await startWithReceiver();
});
afterAll(() => env.close());

describe('request numbers (D-5) and concurrency', () => {
  it('replays the first answer for the same number and body, even after the state moved on', async () => {
    const { c } = env;
    const s = await seedBundle(c);
    const openid = 'o-replay';
    const { bundleId, code0 } = await sendBundle(c, s, openid);
    const confirm = confirmBody(c, s, 0);
    const first = await call(c, paths.confirm(openid, code0), confirm);
    const reordered = Object.fromEntries(Object.entries(confirm).reverse());
    const second = await call(c, paths.confirm(openid, code0), reordered);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);

    const use = useBody(c, s, 0);
    const used = await call(c, paths.use(openid, code0), use);
    const replay = await call(c, paths.use(openid, code0), use);
    expect(replay.text).toBe(used.text);
    expect(await bundleCoupons(c, bundleId)).toHaveLength(2);
    expect((await c.store.getUserCouponBundle(bundleId))?.usedCount).toBe(1);

    const giveBack = returnBody(c, s, 0);
    const returned = await call(c, paths.return(openid, code0), giveBack);
    expect((await call(c, paths.return(openid, code0), giveBack)).text).toBe(returned.text);
    expect((await c.store.getUserCouponBundle(bundleId))?.usedCount).toBe(0);
  });

  it('the same number with other parameters → 400 ALREADY_EXISTS, after the state rules', async () => {
    const { c } = env;
    const s = await seedBundle(c, { maxCountPerUser: 3 });
    const openid = 'o-conflict';
    const a = await sendBundle(c, s, openid);
    const b = await sendBundle(c, s, openid);
    const confirm = confirmBody(c, s, 0);
    expect((await call(c, paths.confirm(openid, a.code0), confirm)).status).toBe(200);
    const other = await call(c, paths.confirm(openid, b.code0), confirm);
    expect([other.status, other.body.code]).toEqual([400, 'ALREADY_EXISTS']);
    expect((await c.store.getUserCoupon(b.code0))?.state).toBe('CONFIRMING');
    const done = await sendBundle(c, s, openid);
    await call(c, paths.confirm(openid, done.code0), confirmBody(c, s, 0));
    const stateFirst = await call(c, paths.confirm(openid, done.code0), confirm);
    expect([stateFirst.status, stateFirst.body.code]).toEqual([400, 'INVALID_REQUEST']);

    await call(c, paths.confirm(openid, b.code0), confirmBody(c, s, 0));
    const use = useBody(c, s, 0);
    expect((await call(c, paths.use(openid, a.code0), use)).status).toBe(200);
    const reuse = await call(c, paths.use(openid, b.code0), use);
    expect([reuse.status, reuse.body.code, reuse.body.message]).toEqual([
      400,
      'ALREADY_EXISTS',
      '已使用过此单号核销券',
    ]);
    const changed = await call(c, paths.use(openid, a.code0), { ...use, saved_amount: 1 });
    expect([changed.status, changed.body.message]).toEqual([400, '用户券状态非法']);
  });

  it('a refused request binds nothing: the same number works once the state allows it', async () => {
    const { c } = env;
    const s = await seedBundle(c);
    const openid = 'o-retry-number';
    const { code0 } = await sendBundle(c, s, openid);
    const use = useBody(c, s, 0);
    const early = await call(c, paths.use(openid, code0), use);
    expect([early.status, early.body.message]).toEqual([400, '用户券状态非法']);
    await call(c, paths.confirm(openid, code0), confirmBody(c, s, 0));
    expect((await call(c, paths.use(openid, code0), use)).status).toBe(200);
  });

  it('20 concurrent uses of one coupon with different numbers: one succeeds, one next round', async () => {
    const { c, receiver } = env;
    const s = await seedBundle(c);
    const openid = 'o-race';
    const { bundleId, code0 } = await sendBundle(c, s, openid);
    await call(c, paths.confirm(openid, code0), confirmBody(c, s, 0));
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(c, paths.use(openid, code0), useBody(c, s, 0))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400 && r.body.message === '用户券状态非法')).toHaveLength(19);
    expect(await bundleCoupons(c, bundleId)).toHaveLength(2);
    expect((await c.store.getUserCouponBundle(bundleId))?.usedCount).toBe(1);
    const stock1 = await c.store.getStock(s.stockIds[1]!, '1970-01-01');
    expect(stock1?.totalCount).toBe(1);
    const round1 = (await bundleCoupons(c, bundleId))[1]!;
    await receiver.waitFor(receiver.received.length + 1).catch(() => undefined);
    const { deliveries } = await c.store.listDeliveries({ offset: 0, limit: 500 });
    expect(deliveries.filter((d) => d.resource.coupon_code === round1.couponCode)).toHaveLength(1);
  });

  it('20 concurrent identical uses (one number): all answer the same, one next round', async () => {
    const { c } = env;
    const s = await seedBundle(c);
    const openid = 'o-race-same';
    const { bundleId, code0 } = await sendBundle(c, s, openid);
    await call(c, paths.confirm(openid, code0), confirmBody(c, s, 0));
    const use = useBody(c, s, 0);
    const results = await Promise.all(Array.from({ length: 20 }, () => call(c, paths.use(openid, code0), use)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(await bundleCoupons(c, bundleId)).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { postgresReachable } from '../store/postgres-database.js';
import { type Instances, startInstances } from './instances.js';

/** Three real `coupond serve` processes sharing one PostgreSQL schema (the platform deployment). */
describe.skipIf(!(await postgresReachable()))('three coupond processes on one PostgreSQL database', () => {
  let m: Instances;
  beforeAll(async () => {
    m = await startInstances(3);
  }, 120_000);
  afterAll(() => m?.close());

  const presend = (i: number, s: { productCouponId: string; stockBundleId: string }, openid: string, no: string) =>
    m.send(i, 'POST', `/users/${openid}/pre-send-coupon-bundle`, {
      brand_id: m.creds.brand_id,
      appid: m.creds.appid,
      product_coupon_id: s.productCouponId,
      stock_bundle_id: s.stockBundleId,
      send_request_no: no,
    });
  const claim = async (i: number, token: string) =>
    (await (await fetch(`${m.origins[i]}/component/v1/tokens/${token}/claim`, { method: 'POST' })).json()) as {
      result: string;
    };

  it('300 users claim through 3 instances from a budget of 100 → exactly 100 bundles', async () => {
    const s = await seedBundle(m.seedTarget(), { maxCount: 100 });
    const tokens = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const res = await presend(i % 3, s, `o-multi-${i}`, `MULTI_${String(i).padStart(5, '0')}`);
        expect(res.status).toBe(200);
        return ((await res.json()) as { token: string }).token;
      }),
    );
    const results = await Promise.all(tokens.map(async (t, i) => (await claim((i + 1) % 3, t)).result));
    expect(results.filter((r) => r === 'RECEIVED')).toHaveLength(100);
    expect(results.filter((r) => r === 'SOLD_OUT')).toHaveLength(200);
    expect((await m.store.getStock(s.stockIds[0]!, '1970-01-01'))?.totalCount).toBe(100);
  }, 120_000);

  it('a nonce used on one instance is refused on another (replay, D-17)', async () => {
    const { signedFetch } = await import('../signed-fetch.js');
    const path = '/v3/marketing/partner/product-coupon/notify-configs';
    const first = await signedFetch(m.origins[0]!, m.signer(), 'GET', path, undefined, {
      nonce: 'shared-nonce-across-instances',
    });
    expect(first.status).not.toBe(401);
    const replay = await signedFetch(m.origins[1]!, m.signer(), 'GET', path, undefined, {
      nonce: 'shared-nonce-across-instances',
    });
    expect(replay.status).toBe(401);
  });

  /** Milliseconds until `seen` holds on instance `i`, polling; fails past `limit` ms. */
  async function seenWithin(i: number, limit: number, seen: (i: number) => Promise<boolean>): Promise<number> {
    const start = performance.now();
    for (;;) {
      if (await seen(i)) return performance.now() - start;
      if (performance.now() - start > limit) throw new Error(`instance ${i} did not see the change within ${limit} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  let serial = 0;
  const next = (tag: string) => `${tag}_${Date.now().toString(36)}_${++serial}`;

  it('a budget change through one instance is seen by the others within 1 s (D-52)', async () => {
    const s = await seedBundle(m.seedTarget(), { maxCount: 2 });
    for (const i of [1, 2]) {
      const res = await presend(i, s, `o-budget-${i}`, next('BUDGET'));
      expect((await claim(i, ((await res.json()) as { token: string }).token)).result).toBe('RECEIVED');
    }
    // Sold out: every instance's cached stock learns it from the counter reaching its cap.
    for (const i of [0, 1, 2])
      await seenWithin(i, 1000, async () => (await presend(i, s, 'o-budget-late', next('LATE'))).status === 403);
    const raised = await m.send(
      0,
      'POST',
      `/product-coupons/${s.productCouponId}/stock-bundles/${s.stockBundleId}/update-budget`,
      {
        out_request_no: next('RAISE'),
        brand_id: m.creds.brand_id,
        update_mode: 'MAX_COUNT',
        current_max_count: 2,
        target_max_count: 3,
      },
    );
    expect(raised.status).toBe(200);
    for (const i of [1, 2])
      await seenWithin(i, 1000, async () => (await presend(i, s, 'o-budget-late', next('LATE'))).status === 200);
  });

  it('a unionid registered on one instance counts on the others within 1 s (D-3, D-52)', async () => {
    const s = await seedBundle(m.seedTarget(), { maxCountPerUser: 1 });
    const [a, b] = [`o-union-a-${serial}`, `o-union-b-${serial}`];
    // Every instance learns that neither openid has a unionid (nor any of the brand's), and keeps that.
    for (const i of [0, 1, 2]) expect((await presend(i, s, b, next('PLAIN'))).status).toBe(200);
    await m.store.setUnionId(m.creds.brand_id, a, 'u-one-person');
    await m.store.setUnionId(m.creds.brand_id, b, 'u-one-person');
    const token = ((await (await presend(0, s, a, next('UNION'))).json()) as { token: string }).token;
    expect((await claim(0, token)).result).toBe('RECEIVED');
    // The second openid is the same person: their per-user cap of 1 is used up on every instance.
    for (const i of [1, 2])
      await seenWithin(i, 1000, async () => (await presend(i, s, b, next('UNION-B'))).status === 400);
  });

  it('a modify through one instance is seen by the others within 1 s (D-52)', async () => {
    const s = await seedBundle(m.seedTarget());
    const tokens = await Promise.all(
      [1, 2].map(
        async (i) => ((await (await presend(i, s, `o-modify-${i}`, next('MOD'))).json()) as { token: string }).token,
      ),
    );
    const name = (i: number) => async () =>
      (
        (await (await fetch(`${m.origins[i]}/component/v1/tokens/${tokens[i - 1]}`)).json()) as {
          coupon?: { name?: string };
        }
      ).coupon?.name;
    expect(await name(1)()).toBe('全场满100减10');
    const modified = await m.send(0, 'PATCH', `/product-coupons/${s.productCouponId}`, {
      out_request_no: next('MODIFY'),
      brand_id: m.creds.brand_id,
      display_info: {
        name: '改名之后',
        image_url: `${m.origins[0]}/component/assets/demo/product.svg`,
        background_url: `${m.origins[0]}/component/assets/demo/background.svg`,
      },
    });
    expect(modified.status).toBe(200);
    for (const i of [1, 2]) await seenWithin(i, 1000, async () => (await name(i)()) === '改名之后');
  });

  it('a deactivation through one instance is seen by the others within 1 s (D-52)', async () => {
    const s = await seedBundle(m.seedTarget());
    for (const i of [1, 2]) expect((await presend(i, s, `o-deact-${i}`, next('DEACT'))).status).toBe(200);
    const deactivated = await m.send(0, 'POST', `/product-coupons/${s.productCouponId}/deactivate`, {
      out_request_no: next('DEACTIVATE'),
      brand_id: m.creds.brand_id,
      deactivate_reason: '活动提前结束',
    });
    expect(deactivated.status).toBe(200);
    for (const i of [1, 2])
      await seenWithin(i, 1000, async () => (await presend(i, s, `o-deact-${i}`, next('DEACT'))).status === 400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { seedBundle } from '../fixtures/catalog.js';
import { startCoupond } from '../harness.js';
import { type Case, check, fx, NOT_FOUND, OPENID, setUp } from './error-fixture.js';
import { call, confirmBody, deactivateBody, paths, returnBody, sendBundle, useBody } from './helpers.js';

/** Every documented answer of deactivate (失效用户商品券组), and request numbers, signature and rate limit of all four. */
beforeAll(setUp);
afterAll(() => fx.c.close());

const deactivate =
  (bundle: () => string, user = OPENID) =>
  () =>
    paths.deactivate(user, bundle());
const live = () => fx.bundle;
const deactivateCases: Case[] = [
  [
    'deactivate: no reason',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { deactivate_reason: undefined }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: an empty reason',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { deactivate_reason: '' }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: a reason over 150 characters',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { deactivate_reason: '失'.repeat(151) }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: out_request_no too long',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { out_request_no: 'A'.repeat(41) }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: an unknown field',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { stock_id: fx.s.stockIds[0] }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: brand not authorizing the caller',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { brand_id: fx.foreignBrand }),
    403,
    'NO_AUTH',
  ],
  [
    'deactivate: unrelated AppID',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { appid: 'wx0000000000000000' }),
    400,
    'INVALID_REQUEST',
    '传入的AppID非法',
  ],
  [
    'deactivate: unknown product coupon',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { product_coupon_id: '1000000' }),
    404,
    'NOT_FOUND',
    NOT_FOUND.product,
  ],
  [
    'deactivate: a stock bundle of another product coupon',
    deactivate(live),
    () => deactivateBody(fx.c, fx.s, { stock_bundle_id: fx.other.stockBundleId }),
    404,
    'NOT_FOUND',
    '未找到 stock_bundle_id 对应的商品券批次组',
  ],
  [
    'deactivate: unknown user coupon bundle',
    deactivate(() => '777'),
    () => deactivateBody(fx.c, fx.s),
    404,
    'NOT_FOUND',
    '未找到 user_coupon_bundle_id 对应的用户商品券组',
  ],
  [
    'deactivate: another user’s bundle',
    deactivate(live, 'o-someone-else'),
    () => deactivateBody(fx.c, fx.s),
    404,
    'NOT_FOUND',
    '未找到 user_coupon_bundle_id 对应的用户商品券组',
  ],
  [
    'deactivate: deactivated already',
    deactivate(() => fx.deactivatedBundle),
    () => deactivateBody(fx.c, fx.s),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
];

describe('deactivate error answers', () => {
  it.each(deactivateCases)('%s', (...args) => check(args as Case));
});

describe('request numbers and protocol', () => {
  it('binds no request number for a refused request (D-5)', async () => {
    const body = confirmBody(fx.c, fx.s, 0);
    const refused = await call(fx.c, paths.confirm(fx.openid, fx.confirming), { ...body, brand_id: fx.foreignBrand });
    expect(refused.status).toBe(403);
    const missing = await call(fx.c, paths.confirm(fx.openid, '999999'), body);
    expect(missing.status).toBe(404);
    expect((await call(fx.c, paths.confirm(fx.openid, fx.confirming), body)).status).toBe(200);
  });

  it('ALREADY_EXISTS for a number reused with other parameters, on each endpoint', async () => {
    const confirm = confirmBody(fx.c, fx.s, 1);
    expect((await call(fx.c, paths.confirm(fx.openid, fx.round1Confirming), confirm)).status).toBe(200);
    const fresh = await sendBundle(fx.c, fx.s, fx.openid);
    const conflict = await call(fx.c, paths.confirm(fx.openid, fresh.code0), {
      ...confirm,
      stock_id: fx.s.stockIds[0],
    });
    expect([conflict.status, conflict.body.code]).toEqual([400, 'ALREADY_EXISTS']);

    const back = returnBody(fx.c, fx.s, 0);
    expect((await call(fx.c, paths.return(fx.openid, fx.used), back)).status).toBe(200);
    expect((await call(fx.c, paths.use(fx.openid, fx.round1Confirming), useBody(fx.c, fx.s, 1))).status).toBe(200);
    const returnClash = await call(fx.c, paths.return(fx.openid, fx.round1Confirming), {
      ...back,
      stock_id: fx.s.stockIds[1],
    });
    expect([returnClash.status, returnClash.body.code]).toEqual([400, 'ALREADY_EXISTS']);

    const first = deactivateBody(fx.c, fx.s);
    const target = await sendBundle(fx.c, fx.s, fx.openid);
    expect((await call(fx.c, paths.deactivate(fx.openid, target.bundleId), first)).status).toBe(200);
    const another = await sendBundle(fx.c, fx.s, fx.openid);
    const clash = await call(fx.c, paths.deactivate(fx.openid, another.bundleId), first);
    expect([clash.status, clash.body.code]).toEqual([400, 'ALREADY_EXISTS']);
  });

  it('401 SIGN_ERROR for a request signed with another key', async () => {
    const res = await fx.c.send('POST', paths.confirm(fx.openid, fx.confirming), confirmBody(fx.c, fx.s, 0), {
      privateKey: generateRsaKeyPair().privateKey,
    });
    expect([res.status, (await res.json()).code]).toEqual([401, 'SIGN_ERROR']);
  });
});

describe('rate limit (D-19)', () => {
  it('429 RATELIMIT_EXCEEDED past the per-mchid user-side limit, on each endpoint', async () => {
    const limited = await startCoupond({ rateLimits: { user: 1, management: 20 } });
    try {
      const seeded = await seedBundle(limited);
      for (const path of [
        paths.confirm(fx.openid, '1'),
        paths.use(fx.openid, '1'),
        paths.return(fx.openid, '1'),
        paths.deactivate(fx.openid, '1'),
      ]) {
        const statuses = await Promise.all([1, 2, 3].map(() => call(limited, path, confirmBody(limited, seeded, 0))));
        expect(statuses.map((r) => r.body?.code)).toContain('RATELIMIT_EXCEEDED');
        expect(statuses.find((r) => r.body?.code === 'RATELIMIT_EXCEEDED')?.status).toBe(429);
        await new Promise((r) => setTimeout(r, 1100));
      }
    } finally {
      await limited.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { type Seeded, seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import {
  admin,
  bundleCoupons,
  call,
  confirmAndUse,
  confirmBody,
  deactivateBody,
  paths,
  returnBody,
  sendBundle,
  useBody,
} from './helpers.js';

/** Every documented answer of confirm / use / return / deactivate (api-contract.md §14.1–§14.3, §14.6, D-2, D-4, D-5). */
let c: Running;
let s: Seeded;
let other: Seeded;
let foreignBrand: string;
const openid = 'o-errors';
const f = {} as {
  confirming: string;
  effective: string;
  used: string;
  deactivated: string;
  bundle: string;
  deactivatedBundle: string;
  round1Confirming: string;
};

beforeAll(async () => {
  c = await startCoupond();
  s = await seedBundle(c, { rounds: 3, maxCountPerUser: 10 });
  other = await seedBundle(c);
  foreignBrand = (await admin(c, 'POST', 'admin/v1/brands', { name: '别的品牌' })).body.brand_id;
  f.confirming = (await sendBundle(c, s, openid)).code0;
  const effective = await sendBundle(c, s, openid);
  f.effective = effective.code0;
  f.bundle = effective.bundleId;
  await call(c, paths.confirm(openid, f.effective), confirmBody(c, s, 0));
  const used = await sendBundle(c, s, openid);
  f.used = used.code0;
  await confirmAndUse(c, s, openid, f.used, 0);
  f.round1Confirming = (await bundleCoupons(c, used.bundleId))[1]!.couponCode;
  const gone = await sendBundle(c, s, openid);
  f.deactivated = gone.code0;
  f.deactivatedBundle = gone.bundleId;
  await call(c, paths.deactivate(openid, gone.bundleId), deactivateBody(c, s));
});
afterAll(() => c.close());

type Case = [name: string, path: () => string, body: () => unknown, status: number, code: string, message?: string];

const NOT_FOUND = {
  product: '未找到 product_coupon_id 对应的商品券',
  stock: '未找到 stock_id 对应的商品券批次',
  coupon: '未找到 coupon_code 对应的用户商品券',
};

/** The errors confirm, use and return share: schema, D-2 authorization, existence. */
function common(api: 'confirm' | 'use' | 'return', body: (round: number, extra?: object) => object): Case[] {
  const at =
    (code: () => string, user = openid) =>
    () =>
      paths[api](user, code());
  const effective = () => f.effective;
  return [
    [`${api}: out_request_no too short`, at(effective), () => body(0, { out_request_no: 'abc' }), 400, 'PARAM_ERROR'],
    [
      `${api}: out_request_no with a space`,
      at(effective),
      () => body(0, { out_request_no: 'ab cdef' }),
      400,
      'PARAM_ERROR',
    ],
    [`${api}: an unknown field`, at(effective), () => body(0, { coupon_state: 'USED' }), 400, 'PARAM_ERROR'],
    [`${api}: a missing field`, at(effective), () => body(0, { brand_id: undefined }), 400, 'PARAM_ERROR'],
    [`${api}: coupon_code longer than 40`, () => paths[api](openid, '1'.repeat(41)), () => body(0), 400, 'PARAM_ERROR'],
    [
      `${api}: brand not authorizing the caller`,
      at(effective),
      () => body(0, { brand_id: foreignBrand }),
      403,
      'NO_AUTH',
    ],
    [
      `${api}: unrelated AppID`,
      at(effective),
      () => body(0, { appid: 'wx0000000000000000' }),
      400,
      'INVALID_REQUEST',
      '传入的AppID非法',
    ],
    [
      `${api}: unknown product coupon`,
      at(effective),
      () => body(0, { product_coupon_id: '1000000' }),
      404,
      'NOT_FOUND',
      NOT_FOUND.product,
    ],
    [
      `${api}: unknown stock`,
      at(effective),
      () => body(0, { stock_id: '1000000001' }),
      404,
      'NOT_FOUND',
      NOT_FOUND.stock,
    ],
    [
      `${api}: a stock of another product coupon`,
      at(effective),
      () => body(0, { stock_id: other.stockIds[0] }),
      404,
      'NOT_FOUND',
      NOT_FOUND.stock,
    ],
    [`${api}: another round’s stock`, at(effective), () => body(1), 404, 'NOT_FOUND', NOT_FOUND.stock],
    [
      `${api}: unknown coupon_code`,
      () => paths[api](openid, '999999'),
      () => body(0),
      404,
      'NOT_FOUND',
      NOT_FOUND.coupon,
    ],
    [
      `${api}: another user’s coupon`,
      at(effective, 'o-someone-else'),
      () => body(0),
      404,
      'NOT_FOUND',
      NOT_FOUND.coupon,
    ],
  ];
}

const confirmCases: Case[] = [
  ...common('confirm', (r, x) => confirmBody(c, s, r, x)),
  [
    'confirm: already confirmed',
    () => paths.confirm(openid, f.effective),
    () => confirmBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
  [
    'confirm: used',
    () => paths.confirm(openid, f.used),
    () => confirmBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
  [
    'confirm: deactivated',
    () => paths.confirm(openid, f.deactivated),
    () => confirmBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
];

const order = { transaction_id: undefined, associated_order_info: undefined };
const useCases: Case[] = [
  ...common('use', (r, x) => useBody(c, s, r, x)),
  ['use: no order at all', () => paths.use(openid, f.effective), () => useBody(c, s, 0, order), 400, 'PARAM_ERROR'],
  [
    'use: both orders',
    () => paths.use(openid, f.effective),
    () => useBody(c, s, 0, { associated_pay_score_order_info: { order_id: '1' } }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: an order without numbers',
    () => paths.use(openid, f.effective),
    () => useBody(c, s, 0, { associated_order_info: { mchid: '1900000109' } }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: out_trade_no without mchid',
    () => paths.use(openid, f.effective),
    () => useBody(c, s, 0, { associated_order_info: { out_trade_no: 'T1', sub_mchid: '1' } }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: out_order_no without sub_mchid',
    () => paths.use(openid, f.effective),
    () =>
      useBody(c, s, 0, {
        associated_order_info: undefined,
        associated_pay_score_order_info: { out_order_no: 'P|1', mchid: '1' },
      }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: use_time not RFC 3339',
    () => paths.use(openid, f.effective),
    () => useBody(c, s, 0, { use_time: '2025-05-20 13:29:35' }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: negative saved_amount',
    () => paths.use(openid, f.effective),
    () => useBody(c, s, 0, { saved_amount: -1 }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: not confirmed yet',
    () => paths.use(openid, f.confirming),
    () => useBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '用户券状态非法',
  ],
  [
    'use: used already',
    () => paths.use(openid, f.used),
    () => useBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '用户券状态非法',
  ],
  [
    'use: deactivated',
    () => paths.use(openid, f.deactivated),
    () => useBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '用户券状态非法',
  ],
];

const returnCases: Case[] = [
  ...common('return', (r, x) => returnBody(c, s, r, x)),
  [
    'return: an unused coupon',
    () => paths.return(openid, f.effective),
    () => returnBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '券当前是可用的',
  ],
  [
    'return: not confirmed yet',
    () => paths.return(openid, f.confirming),
    () => returnBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
  [
    'return: deactivated',
    () => paths.return(openid, f.deactivated),
    () => returnBody(c, s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
];

const deactivate =
  (bundle: () => string, user = openid) =>
  () =>
    paths.deactivate(user, bundle());
const live = () => f.bundle;
const deactivateCases: Case[] = [
  [
    'deactivate: no reason',
    deactivate(live),
    () => deactivateBody(c, s, { deactivate_reason: undefined }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: an empty reason',
    deactivate(live),
    () => deactivateBody(c, s, { deactivate_reason: '' }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: a reason over 150 characters',
    deactivate(live),
    () => deactivateBody(c, s, { deactivate_reason: '失'.repeat(151) }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: out_request_no too long',
    deactivate(live),
    () => deactivateBody(c, s, { out_request_no: 'A'.repeat(41) }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: an unknown field',
    deactivate(live),
    () => deactivateBody(c, s, { stock_id: s.stockIds[0] }),
    400,
    'PARAM_ERROR',
  ],
  [
    'deactivate: brand not authorizing the caller',
    deactivate(live),
    () => deactivateBody(c, s, { brand_id: foreignBrand }),
    403,
    'NO_AUTH',
  ],
  [
    'deactivate: unrelated AppID',
    deactivate(live),
    () => deactivateBody(c, s, { appid: 'wx0000000000000000' }),
    400,
    'INVALID_REQUEST',
    '传入的AppID非法',
  ],
  [
    'deactivate: unknown product coupon',
    deactivate(live),
    () => deactivateBody(c, s, { product_coupon_id: '1000000' }),
    404,
    'NOT_FOUND',
    NOT_FOUND.product,
  ],
  [
    'deactivate: a stock bundle of another product coupon',
    deactivate(live),
    () => deactivateBody(c, s, { stock_bundle_id: other.stockBundleId }),
    404,
    'NOT_FOUND',
    '未找到 stock_bundle_id 对应的商品券批次组',
  ],
  [
    'deactivate: unknown user coupon bundle',
    deactivate(() => '777'),
    () => deactivateBody(c, s),
    404,
    'NOT_FOUND',
    '未找到 user_coupon_bundle_id 对应的用户商品券组',
  ],
  [
    'deactivate: another user’s bundle',
    deactivate(live, 'o-someone-else'),
    () => deactivateBody(c, s),
    404,
    'NOT_FOUND',
    '未找到 user_coupon_bundle_id 对应的用户商品券组',
  ],
  [
    'deactivate: deactivated already',
    deactivate(() => f.deactivatedBundle),
    () => deactivateBody(c, s),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
];

describe('lifecycle error answers', () => {
  it.each([...confirmCases, ...useCases, ...returnCases, ...deactivateCases])(
    '%s → %i %s',
    async (_name, path, body, status, code, message) => {
      const before = await c.store.listBundleCoupons(f.bundle);
      const res = await call(c, path(), body());
      expect([res.status, res.body?.code]).toEqual([status, code]);
      if (message) expect(res.body.message).toBe(message);
      expect(await c.store.listBundleCoupons(f.bundle)).toEqual(before);
    },
  );

  it('binds no request number for a refused request (D-5)', async () => {
    const body = confirmBody(c, s, 0);
    const refused = await call(c, paths.confirm(openid, f.confirming), { ...body, brand_id: foreignBrand });
    expect(refused.status).toBe(403);
    const missing = await call(c, paths.confirm(openid, '999999'), body);
    expect(missing.status).toBe(404);
    expect((await call(c, paths.confirm(openid, f.confirming), body)).status).toBe(200);
  });

  it('ALREADY_EXISTS for a number reused with other parameters, on each endpoint', async () => {
    const confirm = confirmBody(c, s, 1);
    expect((await call(c, paths.confirm(openid, f.round1Confirming), confirm)).status).toBe(200);
    const fresh = await sendBundle(c, s, openid);
    const conflict = await call(c, paths.confirm(openid, fresh.code0), { ...confirm, stock_id: s.stockIds[0] });
    expect([conflict.status, conflict.body.code]).toEqual([400, 'ALREADY_EXISTS']);

    const back = returnBody(c, s, 0);
    expect((await call(c, paths.return(openid, f.used), back)).status).toBe(200);
    expect((await call(c, paths.use(openid, f.round1Confirming), useBody(c, s, 1))).status).toBe(200);
    const returnClash = await call(c, paths.return(openid, f.round1Confirming), { ...back, stock_id: s.stockIds[1] });
    expect([returnClash.status, returnClash.body.code]).toEqual([400, 'ALREADY_EXISTS']);

    const first = deactivateBody(c, s);
    const target = await sendBundle(c, s, openid);
    expect((await call(c, paths.deactivate(openid, target.bundleId), first)).status).toBe(200);
    const another = await sendBundle(c, s, openid);
    const clash = await call(c, paths.deactivate(openid, another.bundleId), first);
    expect([clash.status, clash.body.code]).toEqual([400, 'ALREADY_EXISTS']);
  });

  it('401 SIGN_ERROR for a request signed with another key', async () => {
    const res = await c.send('POST', paths.confirm(openid, f.confirming), confirmBody(c, s, 0), {
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
        paths.confirm(openid, '1'),
        paths.use(openid, '1'),
        paths.return(openid, '1'),
        paths.deactivate(openid, '1'),
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

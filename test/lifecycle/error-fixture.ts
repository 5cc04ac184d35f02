import { expect } from 'vitest';
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
  sendBundle,
} from './helpers.js';

/** Coupons and bundles in every state the lifecycle error tests need, on one coupond. */
export interface Fixture {
  c: Running;
  s: Seeded;
  other: Seeded;
  foreignBrand: string;
  openid: string;
  confirming: string;
  effective: string;
  used: string;
  deactivated: string;
  bundle: string;
  deactivatedBundle: string;
  round1Confirming: string;
}

export const OPENID = 'o-errors';
export const fx = {} as Fixture;

export async function setUp(): Promise<void> {
  const c = await startCoupond();
  const s = await seedBundle(c, { rounds: 3, maxCountPerUser: 10 });
  const openid = OPENID;
  Object.assign(fx, { c, s, openid, other: await seedBundle(c) });
  fx.foreignBrand = (await admin(c, 'POST', 'admin/v1/brands', { name: '别的品牌' })).body.brand_id;
  fx.confirming = (await sendBundle(c, s, openid)).code0;
  const effective = await sendBundle(c, s, openid);
  fx.effective = effective.code0;
  fx.bundle = effective.bundleId;
  await call(c, paths.confirm(openid, fx.effective), confirmBody(c, s, 0));
  const used = await sendBundle(c, s, openid);
  fx.used = used.code0;
  await confirmAndUse(c, s, openid, fx.used, 0);
  fx.round1Confirming = (await bundleCoupons(c, used.bundleId))[1]!.couponCode;
  const gone = await sendBundle(c, s, openid);
  fx.deactivated = gone.code0;
  fx.deactivatedBundle = gone.bundleId;
  await call(c, paths.deactivate(openid, gone.bundleId), deactivateBody(c, s));
}

export type Case = [
  name: string,
  path: () => string,
  body: () => unknown,
  status: number,
  code: string,
  message?: string,
];

export const NOT_FOUND = {
  product: '未找到 product_coupon_id 对应的商品券',
  stock: '未找到 stock_id 对应的商品券批次',
  coupon: '未找到 coupon_code 对应的用户商品券',
};

/** Sends the case, checks the answer, and that the fixture's live bundle did not change. */
export async function check([, path, body, status, code, message]: Case): Promise<void> {
  const before = await fx.c.store.listBundleCoupons(fx.bundle);
  const res = await call(fx.c, path(), body());
  expect([res.status, res.body?.code]).toEqual([status, code]);
  if (message) expect(res.body.message).toBe(message);
  expect(await fx.c.store.listBundleCoupons(fx.bundle)).toEqual(before);
}

export /** The errors confirm, use and return share: schema, D-2 authorization, existence. */
function common(
  api: 'confirm' | 'use' | 'return',
  body: (round: number, extra?: Record<string, unknown>) => object,
): Case[] {
  const at =
    (code: () => string, user = OPENID) =>
    () =>
      paths[api](user, code());
  const effective = () => fx.effective;
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
    [
      `${api}: coupon_code longer than 40`,
      () => paths[api](fx.openid, '1'.repeat(41)),
      () => body(0),
      400,
      'PARAM_ERROR',
    ],
    [
      `${api}: brand not authorizing the caller`,
      at(effective),
      () => body(0, { brand_id: fx.foreignBrand }),
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
      () => body(0, { stock_id: fx.other.stockIds[0] }),
      404,
      'NOT_FOUND',
      NOT_FOUND.stock,
    ],
    [`${api}: another round’s stock`, at(effective), () => body(1), 404, 'NOT_FOUND', NOT_FOUND.stock],
    [
      `${api}: unknown coupon_code`,
      () => paths[api](fx.openid, '999999'),
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

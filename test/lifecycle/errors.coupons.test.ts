import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Case, check, common, fx, setUp } from './error-fixture.js';
import { confirmBody, paths, returnBody, useBody } from './helpers.js';

/** Every documented answer of confirm, use and return (确认发放, 核销, 退券; D-2, D-4). */
beforeAll(setUp);
afterAll(() => fx.c.close());

const confirmCases: Case[] = [
  ...common('confirm', (r, x) => confirmBody(fx.c, fx.s, r, x)),
  [
    'confirm: already confirmed',
    () => paths.confirm(fx.openid, fx.effective),
    () => confirmBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
  [
    'confirm: used',
    () => paths.confirm(fx.openid, fx.used),
    () => confirmBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
  [
    'confirm: deactivated',
    () => paths.confirm(fx.openid, fx.deactivated),
    () => confirmBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
];

const order = { transaction_id: undefined, associated_order_info: undefined };
const useCases: Case[] = [
  ...common('use', (r, x) => useBody(fx.c, fx.s, r, x)),
  [
    'use: no order at all',
    () => paths.use(fx.openid, fx.effective),
    () => useBody(fx.c, fx.s, 0, order),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: both orders',
    () => paths.use(fx.openid, fx.effective),
    () => useBody(fx.c, fx.s, 0, { associated_pay_score_order_info: { order_id: '1' } }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: an order without numbers',
    () => paths.use(fx.openid, fx.effective),
    () => useBody(fx.c, fx.s, 0, { associated_order_info: { mchid: '1900000109' } }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: out_trade_no without mchid',
    () => paths.use(fx.openid, fx.effective),
    () => useBody(fx.c, fx.s, 0, { associated_order_info: { out_trade_no: 'T1', sub_mchid: '1' } }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: out_order_no without sub_mchid',
    () => paths.use(fx.openid, fx.effective),
    () =>
      useBody(fx.c, fx.s, 0, {
        associated_order_info: undefined,
        associated_pay_score_order_info: { out_order_no: 'P|1', mchid: '1' },
      }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: use_time not RFC 3339',
    () => paths.use(fx.openid, fx.effective),
    () => useBody(fx.c, fx.s, 0, { use_time: '2025-05-20 13:29:35' }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: negative saved_amount',
    () => paths.use(fx.openid, fx.effective),
    () => useBody(fx.c, fx.s, 0, { saved_amount: -1 }),
    400,
    'PARAM_ERROR',
  ],
  [
    'use: not confirmed yet',
    () => paths.use(fx.openid, fx.confirming),
    () => useBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '用户券状态非法',
  ],
  [
    'use: used already',
    () => paths.use(fx.openid, fx.used),
    () => useBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '用户券状态非法',
  ],
  [
    'use: deactivated',
    () => paths.use(fx.openid, fx.deactivated),
    () => useBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '用户券状态非法',
  ],
];

const returnCases: Case[] = [
  ...common('return', (r, x) => returnBody(fx.c, fx.s, r, x)),
  [
    'return: an unused coupon',
    () => paths.return(fx.openid, fx.effective),
    () => returnBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '券当前是可用的',
  ],
  [
    'return: not confirmed yet',
    () => paths.return(fx.openid, fx.confirming),
    () => returnBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
  [
    'return: deactivated',
    () => paths.return(fx.openid, fx.deactivated),
    () => returnBody(fx.c, fx.s, 0),
    400,
    'INVALID_REQUEST',
    '传入参数不符合业务规则',
  ],
];

describe('confirm / use / return error answers', () => {
  it.each([...confirmCases, ...useCases, ...returnCases])('%s', (...args) => check(args as Case));
});

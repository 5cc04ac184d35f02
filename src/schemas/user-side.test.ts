import type { TSchema } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ok, rejected } from '../../test/helpers/expect-validation.js';
import { CallbackEnvelope, ProductCouponSendNotification } from './callbacks.js';
import { couponTagInfoProblem, preSendCouponBundle, sendCouponBundle } from './issuance.js';
import { UserProductCoupon } from './objects/user-coupon.js';
import {
  confirmUserCoupon,
  deactivateUserCouponBundle,
  getUserCoupon,
  listUserCoupons,
  returnUserCoupon,
  useOrderProblem,
  useUserCoupon,
} from './user-coupons.js';
import {
  bundleCoupon,
  callbackExample,
  couponRef,
  deactivateExample,
  preSendExample,
  sendExample,
  sendPlaintextExample,
  sendResponseExample,
  useBody,
} from './user-side-examples.test-helper.js';

const allEndpoints = [
  preSendCouponBundle,
  sendCouponBundle,
  getUserCoupon,
  listUserCoupons,
  confirmUserCoupon,
  useUserCoupon,
  returnUserCoupon,
  deactivateUserCouponBundle,
];

describe('documented examples', () => {
  it('pre-send request, path and response', () => {
    ok(preSendCouponBundle.body, preSendExample);
    ok(preSendCouponBundle.params, { openid: 'oh-394z-6CGkNoJrsDLTTUKiAnp4' }, 'uri_template');
    ok(preSendCouponBundle.response, {
      token: 'ABBpZjCfAAABAAAAAACmTrRvExc7XKea-gTVaBAAAADSn9xnWYv5l5lkN-GZBOXXZ30Cgo-RH7BfsyWbOKgfHH0JZ9R1PgIvZOif8lg8',
    });
  });

  it('direct send request and response', () => {
    ok(sendCouponBundle.body, sendExample);
    ok(sendCouponBundle.response, sendResponseExample);
  });

  it('user coupon responses (get, list, deactivate bundle)', () => {
    ok(UserProductCoupon, bundleCoupon);
    ok(listUserCoupons.response, { total_count: 1, user_coupon_list: [bundleCoupon] });
    ok(listUserCoupons.response, { next_page_token: 'abc' });
    const deactivated = { ...bundleCoupon, coupon_state: 'DEACTIVATED', deactivate_reason: '商品已下线' } as const;
    ok(deactivateUserCouponBundle.response, { user_coupon_bundle_id: 'b', user_product_coupon_list: [deactivated] });
  });

  it('bundle responses require the bundle info; the deactivate response also the stock bundle info', () => {
    const { user_product_coupon_bundle_info: _, ...noBundleInfo } = bundleCoupon;
    ok(UserProductCoupon, noBundleInfo);
    rejected(sendCouponBundle.response, { user_coupon_bundle_id: 'b', user_product_coupon_list: [noBundleInfo] });
    const { stock_bundle_info: __, ...stock } = bundleCoupon.stock;
    const item = { ...bundleCoupon, stock };
    ok(sendCouponBundle.response, { user_coupon_bundle_id: 'b', user_product_coupon_list: [item] });
    rejected(deactivateUserCouponBundle.response, { user_coupon_bundle_id: 'b', user_product_coupon_list: [item] });
  });

  it('user-side request examples', () => {
    ok(getUserCoupon.query, couponRef, 'query');
    ok(getUserCoupon.params, { openid: 'oh-394z-6CGkNoJrsDLTTUKiAnp4', coupon_code: 'Code_123456' }, 'uri_template');
    ok(confirmUserCoupon.body, { ...couponRef, out_request_no: 'MCHCONFIRM202003101234' });
    ok(returnUserCoupon.body, { ...couponRef, out_request_no: 'MCHRETURN202003101234' });
    ok(useUserCoupon.body, useBody);
    ok(deactivateUserCouponBundle.body, deactivateExample);
    ok(listUserCoupons.query, { appid: 'wx233544546545989', brand_id: '120344', coupon_state: 'USED' }, 'query');
  });

  it('SEND callback envelope and plaintext', () => {
    ok(CallbackEnvelope, callbackExample);
    ok(ProductCouponSendNotification, sendPlaintextExample);
    ok(ProductCouponSendNotification, { ...sendPlaintextExample, send_channel: 'SOME_FUTURE_CHANNEL' });
    const { stock_bundle_id: _, user_coupon_bundle_id: __, phone_number: ___, ...required } = sendPlaintextExample;
    ok(ProductCouponSendNotification, required);
    rejected(ProductCouponSendNotification, { ...sendPlaintextExample, unionid: undefined });
    rejected(CallbackEnvelope, { ...callbackExample, resource: { ...callbackExample.resource, algorithm: 'AES' } });
  });
});

describe('request numbers', () => {
  const no = (n: number) => 'Ab9_-'.repeat(30).slice(0, n);
  const confirmBase = { ...couponRef, out_request_no: 'abcdef' };

  it.each([
    ['pre-send send_request_no', 40, preSendCouponBundle.body, preSendExample, 'send_request_no'],
    ['send send_request_no', 128, sendCouponBundle.body, sendExample, 'send_request_no'],
    ['confirm out_request_no', 40, confirmUserCoupon.body, confirmBase, 'out_request_no'],
    ['use out_request_no', 40, useUserCoupon.body, useBody, 'out_request_no'],
  ] as const)('%s: 6..%i characters', (_, max, schema, base, key) => {
    const at = (n: number) => ({ ...base, [key]: no(n) });
    expect(rejected(schema, at(5)).detail?.field).toBe(`/${key}`);
    ok(schema, at(6));
    ok(schema, at(max));
    expect(rejected(schema, at(max + 1)).detail?.field).toBe(`/${key}`);
  });

  it.each(['abc def', 'abcdef!', 'abc.def', '发券单号123456', 'abcdéf', 'abcdef\n'])('charset rejects %j', (value) => {
    rejected(preSendCouponBundle.body, { ...preSendExample, send_request_no: value });
    rejected(sendCouponBundle.body, { ...sendExample, send_request_no: value });
  });
});

describe('attach counts Unicode characters', () => {
  const cases: [string, string][] = [
    ['ASCII', 'a'],
    ['CJK', '券'],
    ['astral (surrogate pair)', '😀'],
  ];
  it.each(cases)('%s: 150 accepted, 151 rejected', (_, ch) => {
    for (const schema of [preSendCouponBundle.body, sendCouponBundle.body]) {
      ok(schema, { ...preSendExample, attach: ch.repeat(150) });
      const e = rejected(schema, { ...preSendExample, attach: ch.repeat(151) });
      expect(e.detail?.field).toBe('/attach');
    }
  });

  it('mixed text; lone surrogates are refused whatever the length (D-40)', () => {
    ok(preSendCouponBundle.body, { ...preSendExample, attach: `${'😀'.repeat(75)}${'a'.repeat(75)}` });
    rejected(preSendCouponBundle.body, { ...preSendExample, attach: `${'😀'.repeat(75)}${'a'.repeat(76)}` });
    expect(rejected(preSendCouponBundle.body, { ...preSendExample, attach: '\uD83D' }).detail?.field).toBe('/attach');
    ok(preSendCouponBundle.body, { ...preSendExample, attach: '' });
  });

  it('deactivate_reason 1..150 characters', () => {
    ok(deactivateUserCouponBundle.body, { ...deactivateExample, deactivate_reason: '失'.repeat(150) });
    rejected(deactivateUserCouponBundle.body, { ...deactivateExample, deactivate_reason: '失'.repeat(151) });
    rejected(deactivateUserCouponBundle.body, { ...deactivateExample, deactivate_reason: '' });
  });
});

describe('unknown fields', () => {
  const unknown = (schema: TSchema | undefined, value: unknown, path: string) => {
    const e = rejected(schema, value);
    expect(e.message).toBe('请求中含有未在API文档中定义的参数');
    expect(e.detail?.value).toEqual([path]);
  };

  const tags = sendExample.coupon_tag_info;
  it.each([
    [preSendCouponBundle.body, { ...preSendExample, coupon_tag_info: {} }, '/body/coupon_tag_info'],
    [preSendCouponBundle.body, { ...preSendExample, stock_id: '1' }, '/body/stock_id'],
    [sendCouponBundle.body, { ...sendExample, coupon_code: 'c' }, '/body/coupon_code'],
    [sendCouponBundle.body, { ...sendExample, coupon_tag_info: { ...tags, x: 1 } }, '/body/coupon_tag_info/x'],
    [
      sendCouponBundle.body,
      { ...sendExample, coupon_tag_info: { member_tag_info: { member_card_id: 'm', x: 1 } } },
      '/body/coupon_tag_info/member_tag_info/x',
    ],
    [useUserCoupon.body, { ...useBody, sequential_coupon_index: 0 }, '/body/sequential_coupon_index'],
    [
      useUserCoupon.body,
      { ...useBody, associated_order_info: { transaction_id: '4', x: 1 } },
      '/body/associated_order_info/x',
    ],
    [confirmUserCoupon.body, { ...couponRef, out_request_no: 'abcdef', coupon_code: 'c' }, '/body/coupon_code'],
  ])('are rejected: %#', (schema, value, path) => unknown(schema, value, path));

  it('but schema errors win over unknown fields (D-4)', () => {
    const e = rejected(preSendCouponBundle.body, { ...preSendExample, send_request_no: 'x', extra: 1 });
    expect(e.detail?.field).toBe('/send_request_no');
  });

  it('are tolerated in responses and callbacks (forward compatibility)', () => {
    ok(UserProductCoupon, { ...bundleCoupon, new_field: 1 });
    ok(ProductCouponSendNotification, { ...sendPlaintextExample, new_field: 1 });
  });
});

describe('field rules', () => {
  it('required fields and enums', () => {
    const { appid: _, ...noAppid } = preSendExample;
    expect(rejected(preSendCouponBundle.body, noAppid).detail?.field).toBe('/appid');
    rejected(sendCouponBundle.body, { ...sendExample, coupon_tag_info: { coupon_tag_list: ['VIP'] } });
    rejected(listUserCoupons.query, { appid: 'wx1', brand_id: '1', coupon_state: 'UNKNOWN' }, 'query');
    rejected(useUserCoupon.body, { ...useBody, use_time: '2025-08-03 12:00:00' });
    rejected(useUserCoupon.body, { ...useBody, saved_amount: -1 });
    rejected(useUserCoupon.body, {
      ...useBody,
      associated_order_info: undefined,
      associated_pay_score_order_info: { out_order_no: 'bad order no', mchid: '1', sub_mchid: '2' },
    });
  });

  it('list paging', () => {
    const q = { appid: 'wx1', brand_id: '1' };
    ok(listUserCoupons.query, { ...q, page_size: 1 }, 'query');
    ok(listUserCoupons.query, { ...q, page_size: 50 }, 'query');
    rejected(listUserCoupons.query, { ...q, page_size: 0 }, 'query');
    rejected(listUserCoupons.query, { ...q, page_size: 51 }, 'query');
    rejected(listUserCoupons.query, { ...q, page_token: 't'.repeat(101) }, 'query');
  });

  const noOrder = { ...useBody, associated_order_info: undefined };
  const owner = { mchid: '1900000001', sub_mchid: '1900000109' };
  it.each([
    [useBody, undefined],
    [noOrder, '/associated_order_info'],
    [{ ...useBody, associated_pay_score_order_info: { order_id: '1' } }, '/associated_order_info'],
    [{ ...noOrder, associated_order_info: {} }, '/associated_order_info'],
    [{ ...noOrder, associated_order_info: { out_trade_no: 'T1' } }, '/associated_order_info/mchid'],
    [{ ...noOrder, associated_order_info: { out_trade_no: 'T1', mchid: '1' } }, '/associated_order_info/sub_mchid'],
    [{ ...noOrder, associated_order_info: { out_trade_no: 'T1', ...owner } }, undefined],
    [{ ...noOrder, associated_pay_score_order_info: { order_id: '1' } }, undefined],
    [
      { ...noOrder, associated_pay_score_order_info: { out_order_no: 'S|1' } },
      '/associated_pay_score_order_info/mchid',
    ],
  ])('use: exactly one order object with its numbers (%#)', (body, problem) => {
    expect(useOrderProblem(body)).toBe(problem);
  });

  it('send: MEMBER tag needs a member card', () => {
    expect(couponTagInfoProblem(undefined)).toBeUndefined();
    expect(couponTagInfoProblem({})).toBeUndefined();
    expect(couponTagInfoProblem({ coupon_tag_list: ['MEMBER'] })).toBe('/coupon_tag_info/member_tag_info');
    expect(couponTagInfoProblem(sendExample.coupon_tag_info as never)).toBe(
      '/coupon_tag_info/member_tag_info/member_card_id',
    );
    expect(
      couponTagInfoProblem({ coupon_tag_list: ['MEMBER'], member_tag_info: { member_card_id: 'pY7x' } }),
    ).toBeUndefined();
  });
});

describe('endpoint definitions', () => {
  it.each(allEndpoints.map((e) => [e.name, e] as const))('%s: path placeholders match params', (_, e) => {
    const placeholders = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(e.params?.properties ?? {}).sort()).toEqual(placeholders);
    expect(e.path.startsWith('/v3/marketing/partner/product-coupon/users/{openid}')).toBe(true);
    expect(e.rate).toBe('user');
    expect(e.method === 'GET' ? e.query : e.body).toBeDefined();
  });
});

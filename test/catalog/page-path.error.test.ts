import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateProductCouponBodyT } from '../../src/schemas/product-coupons.js';
import { type Running, startCoupond } from '../harness.js';
import {
  bundleInput,
  type CreatedProductCouponT,
  createBody,
  createCoupon,
  expectParamError,
  json,
  no,
  paths,
  setNotifyUrl,
} from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
});
afterAll(() => c.close());

const HOSTILE = [
  'javascript:alert(9)',
  'JAVASCRIPT:alert(9)',
  'java\tscript:alert(9)',
  'http://evil.example/x',
  'https://evil.example/x',
  'data:text/html,<script>alert(9)</script>',
  '//evil.example/x',
  '/\\evil.example/x',
  'pages/index#frag',
  ' pages/index',
];

type Place = readonly [string, (b: CreateProductCouponBodyT, path: string) => void];

/** Every place a mini-program page path appears in a create body (D-42). */
const PLACES: Place[] = [
  [
    '/stock_bundle/usage_rule_display_info/mini_program_path',
    (b, path) => {
      b.stock_bundle!.usage_rule_display_info.mini_program_path = path;
    },
  ],
  [
    '/stock_bundle/usage_rule_display_info/coupon_available_store_info/mini_program_path',
    (b, path) => {
      b.stock_bundle!.usage_rule_display_info.coupon_available_store_info = {
        description: '全部门店',
        mini_program_appid: c.merchant.appid,
        mini_program_path: path,
      };
    },
  ],
  [
    '/stock_bundle/coupon_display_info/entrance_mini_program/path',
    (b, path) => {
      b.stock_bundle!.coupon_display_info.entrance_mini_program = {
        appid: c.merchant.appid,
        path,
        entrance_wording: '去使用',
        guidance_wording: '点击使用',
      };
    },
  ],
  [
    '/display_info/combo_package_list/0/choice_list/0/mini_program_path',
    (b, path) => {
      b.scope = 'SINGLE';
      b.display_info.combo_package_list = [
        {
          name: '咖啡任选',
          pick_count: 1,
          choice_list: [
            { name: '拿铁', price: 3200, count: 1, mini_program_appid: c.merchant.appid, mini_program_path: path },
          ],
        },
      ];
    },
  ],
];

describe('mini_program_path is a relative page path (D-42)', () => {
  it.each(PLACES)('create refuses a scheme, a host or a fragment at %s, and stores nothing', async (field, set) => {
    const requestNo = no('PATH');
    for (const hostile of HOSTILE) {
      const body = createBody(c, {}, requestNo);
      set(body, hostile);
      await expectParamError(await c.send('POST', paths.create, body), field);
    }
    const body = createBody(c, {}, requestNo);
    set(body, 'pages/product/detail?id=1&from=券');
    const created = await json<CreatedProductCouponT>(await c.send('POST', paths.create, body));
    expect(JSON.stringify(created)).toContain('pages/product/detail?id=1&from=券');
  });

  it('modify product coupon and modify stock bundle refuse it too', async () => {
    const single = createBody(c);
    PLACES[3]![1](single, '/pages/latte');
    const coupon = await json<CreatedProductCouponT>(await c.send('POST', paths.create, single));
    const display = { ...single.display_info };
    PLACES[3]![1]({ display_info: display } as CreateProductCouponBodyT, 'javascript:alert(9)');
    await expectParamError(
      await c.send('PATCH', paths.modify(coupon.product_coupon_id), {
        out_request_no: no('MOD'),
        brand_id: c.merchant.brandId,
        display_info: display,
      }),
      '/display_info/combo_package_list/0/choice_list/0/mini_program_path',
    );

    const plain = await createCoupon(c);
    const usage = { ...bundleInput(c).usage_rule_display_info, mini_program_path: 'javascript:alert(9)' };
    await expectParamError(
      await c.send('PATCH', paths.bundle(plain.product_coupon_id, plain.stock_bundle!.stock_bundle_id), {
        out_request_no: no('MODB'),
        brand_id: c.merchant.brandId,
        usage_rule_display_info: usage,
      }),
      '/usage_rule_display_info/mini_program_path',
    );
  });
});

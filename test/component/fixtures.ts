import type { ClaimResponse, ComponentCoupon, TokenPreview } from '../../src/schemas/component.js';

/** Coupons and per-token scenarios the fixture server answers with; image URLs point at the fixture server. */

export const coffeeCoupon = (base: string): ComponentCoupon => ({
  name: '精品咖啡三次券',
  image_url: `${base}/component/assets/demo/product.svg`,
  background_url: `${base}/component/assets/demo/background.svg`,
  detail_image_url_list: [`${base}/component/assets/demo/background.svg`],
  original_price: 3200,
  combo_package_list: [
    {
      name: '咖啡任选',
      pick_count: 1,
      choice_list: [
        {
          name: '拿铁',
          price: 3200,
          count: 1,
          image_url: `${base}/component/assets/demo/latte.svg`,
          mini_program_appid: 'wxdemo',
          mini_program_path: '/pages/product?id=latte',
        },
        {
          name: '美式',
          price: 2800,
          count: 1,
          image_url: `${base}/component/assets/demo/americano.svg`,
          mini_program_appid: 'wxdemo',
          mini_program_path: '/pages/product?id=americano',
        },
        { name: '摩卡', price: 3400, count: 2, image_url: `${base}/component/assets/demo/mocha.svg` },
      ],
    },
  ],
  type: 'NORMAL',
  rounds: [
    { index: 0, threshold: 10000, discount_amount: 1500 },
    { index: 1, threshold: 10000, discount_amount: 1000 },
    { index: 2, threshold: 0, discount_amount: 550 },
  ],
  interval_days: 1,
  valid_begin_time: '2025-08-01T00:00:00+08:00',
  valid_end_time: '2025-08-31T23:59:59+08:00',
  brand_id: '120344',
});

const discountCoupon = (base: string): ComponentCoupon => ({
  name: '全场满100立打8折',
  image_url: `${base}/component/assets/demo/product.svg`,
  background_url: `${base}/component/assets/demo/background.svg`,
  type: 'DISCOUNT',
  rounds: [
    { index: 0, threshold: 10000, percent_off: 20 },
    { index: 1, threshold: 0, percent_off: 15 },
    { index: 2, threshold: 0, percent_off: 30 },
  ],
  interval_days: 0,
  valid_end_time: '2025-08-31T23:59:59+08:00',
  brand_id: '120344',
});

export const exchangeCoupon = (base: string): ComponentCoupon => ({
  name: '<b>一元换购</b>',
  image_url: `${base}/component/assets/demo/mocha.svg`,
  background_url: `${base}/missing-background.png`,
  type: 'EXCHANGE',
  rounds: [
    { index: 0, threshold: 0, exchange_price: 100 },
    { index: 1, threshold: 0, exchange_price: 0 },
    { index: 2, threshold: 5000, exchange_price: 990 },
  ],
  interval_days: 7,
  brand_id: '120344',
});

/** Paths stored before D-42 refused them: the component must not hand them to the host. */
const HOSTILE_PATHS = ['javascript:alert(9)', '//evil.example/steal', 'data:text/html,<script>alert(9)</script>'];

const withPaths = (coupon: ComponentCoupon, list: string[]): ComponentCoupon => ({
  ...coupon,
  combo_package_list: coupon.combo_package_list?.map((p) => ({
    ...p,
    choice_list: p.choice_list.map((choice, i) => ({ ...choice, mini_program_path: list[i % list.length] })),
  })),
});

export interface Scenario {
  preview: TokenPreview | 'http-500' | 'drop';
  claim?: ClaimResponse;
  /** Milliseconds to wait before answering the preview. */
  delay?: number;
}

const received = { user_coupon_bundle_id: 'UCB_0001', coupon_code: 'CODE_0001' };

export function scenarios(base: string): Record<string, Scenario> {
  const coffee = coffeeCoupon(base);
  return {
    ready: { preview: { state: 'READY', coupon: coffee }, claim: { result: 'RECEIVED', ...received } },
    'ready-slow': { preview: { state: 'READY', coupon: coffee }, delay: 1500 },
    'ready-then-sold-out': { preview: { state: 'READY', coupon: coffee }, claim: { result: 'SOLD_OUT' } },
    already: { preview: { state: 'ALREADY_RECEIVED', coupon: coffee, ...received } },
    'sold-out': { preview: { state: 'SOLD_OUT', coupon: coffee } },
    daily: {
      preview: { state: 'DAILY_SOLD_OUT', coupon: coffee, daily_resets_at: '2025-08-02T00:00:00+08:00' },
    },
    limit: { preview: { state: 'USER_LIMIT_REACHED', coupon: coffee } },
    'not-available': { preview: { state: 'NOT_AVAILABLE', coupon: coffee } },
    expired: { preview: { state: 'TOKEN_EXPIRED' } },
    invalid: { preview: { state: 'TOKEN_INVALID' } },
    'server-error': { preview: 'http-500' },
    'network-error': { preview: 'drop' },
    discount: { preview: { state: 'READY', coupon: discountCoupon(base) } },
    exchange: { preview: { state: 'READY', coupon: exchangeCoupon(base) } },
    'stored-script-path': {
      preview: { state: 'ALREADY_RECEIVED', coupon: withPaths(coffee, HOSTILE_PATHS), ...received },
    },
  };
}

import { describe, expect, it } from 'vitest';
import { ok, rejected } from '../../test/helpers/expect-validation.js';
import { checkCreateProductCoupon } from '../domain/catalog-rules.js';
import { documentedCreateExample, documentedSingleCreateExample } from './create-example.test-helper.js';
import { ProductCoupon } from './objects/product-coupon.js';
import { Stock } from './objects/stock.js';
import {
  CreatedProductCoupon,
  createProductCoupon,
  deactivateProductCoupon,
  getProductCoupon,
  modifyProductCoupon,
} from './product-coupons.js';
import { addStockBundle, modifyStockBundle, updateStockBundleBudget } from './stock-bundles.js';
import { addStock, getStock, listStocks } from './stocks.js';
import { validate } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely at any depth
type Fixture = Record<string, any>;

const createExample = (): Fixture => documentedCreateExample();
const bundleOf = (): Fixture => createExample().stock_bundle;

const body = createProductCoupon.body;
const period = (b: Fixture) => b.stock_bundle.progressive_bundle_usage_rule.coupon_available_period;

function stock(index: number, percent_off: number) {
  const bundle = createExample().stock_bundle;
  const { discount_coupon_list: _, ...rules } = bundle.progressive_bundle_usage_rule;
  return {
    product_coupon_id: '1000000014',
    stock_id: `100000001400${index + 1}`,
    remark: bundle.remark,
    coupon_code_mode: 'WECHATPAY',
    stock_send_rule: bundle.stock_send_rule,
    progressive_bundle_usage_rule: { ...rules, discount_coupon: { threshold: 10000, percent_off } },
    stock_bundle_info: { stock_bundle_id: '712315129419284901', stock_bundle_index: index },
    usage_rule_display_info: bundle.usage_rule_display_info,
    coupon_display_info: bundle.coupon_display_info,
    notify_config: bundle.notify_config,
    store_scope: 'NONE',
    sent_count_info: { total_count: 0, today_count: 0 },
    state: 'SENDING',
    brand_id: '120344',
  };
}

/** WeChat's documented 创建商品券 response: product coupon 1000000014 with three stocks. */
const createdExample = () => {
  const { out_request_no: _, stock_bundle: __, ...product } = createExample();
  return {
    ...product,
    product_coupon_id: '1000000014',
    state: 'EFFECTIVE',
    stock_bundle: {
      stock_bundle_id: '712315129419284901',
      stock_list: [stock(0, 50), stock(1, 20), stock(2, 30)],
    },
  };
};

describe('create product coupon', () => {
  it('accepts the documented example, which also passes the catalog rules', () => {
    const valid = validate(body, createExample(), 'body');
    expect(() => checkCreateProductCoupon(valid)).not.toThrow();
  });

  it('describes the documented response', () => {
    ok(CreatedProductCoupon, createdExample());
    ok(ProductCoupon, createdExample());
    ok(getStock.response, stock(1, 20));
    ok(Stock, { ...stock(0, 50), state: 'DEACTIVATED', deactivate_time: '2025-08-02T00:00:00+08:00' });
  });

  it('describes the documented single-mode request and answer', () => {
    const single = documentedSingleCreateExample();
    ok(body, single);
    rejected(body, { ...single, stock: { ...single.stock, stock_bundle_info: {} } });
    const { out_request_no: _, stock: input, ...coupon } = single;
    const { stock_send_rule, ...settings } = input;
    const stock = {
      ...settings,
      stock_send_rule,
      product_coupon_id: '1000000013',
      stock_id: '1000000013001',
      coupon_code_count_info: { total_count: 0, available_count: 0 },
      sent_count_info: { total_count: 0, today_count: 0 },
      state: 'SENDING',
      brand_id: '120344',
    };
    ok(CreatedProductCoupon, { ...coupon, product_coupon_id: '1000000013', state: 'EFFECTIVE', stock });
    ok(addStock.response, stock);
  });

  it.each([
    ['out_request_no', (b: Fixture) => (b.out_request_no = 'abc12')],
    ['out_request_no', (b: Fixture) => (b.out_request_no = 'abc 1234')],
    ['name', (b: Fixture) => (b.display_info.name = '八折')],
    ['name', (b: Fixture) => (b.display_info.name = '一二三四五六七八九十一二三四五六')],
    ['detail_image_url_list', (b: Fixture) => (b.display_info.detail_image_url_list = Array(9).fill('https://a/b'))],
    ['image_url', (b: Fixture) => (b.display_info.image_url = 'ftp://a/b')],
    ['original_price', (b: Fixture) => (b.display_info.original_price = 10_000_001)],
    ['remark', (b: Fixture) => (b.stock_bundle.remark = '一二三四五六七八九十一二三四五六七八九十一')],
    ['count', (b: Fixture) => (b.progressive_bundle_usage_info = { count: 2 })],
    ['count', (b: Fixture) => (b.progressive_bundle_usage_info = { count: 16 })],
    ['interval_days', (b: Fixture) => (b.progressive_bundle_usage_info = { count: 3, interval_days: 8 })],
    ['max_count', (b: Fixture) => (b.stock_bundle.stock_send_rule.max_count = 100_000_001)],
    ['max_count_per_day', (b: Fixture) => (b.stock_bundle.stock_send_rule.max_count_per_day = 100_000_001)],
    ['max_count_per_user', (b: Fixture) => (b.stock_bundle.stock_send_rule.max_count_per_user = 101)],
    ['available_days', (b: Fixture) => (period(b).available_days = 366)],
    ['wait_days_after_receive', (b: Fixture) => (period(b).wait_days_after_receive = 31)],
    ['available_seconds', (b: Fixture) => (period(b).available_seconds = 5400)],
    [
      'day_period_list',
      (b: Fixture) =>
        (period(b).weekly_available_period = {
          day_list: ['MONDAY'],
          day_period_list: Array(4).fill({ begin_time: 0, end_time: 1 }),
        }),
    ],
    [
      'end_time',
      (b: Fixture) =>
        (period(b).weekly_available_period = {
          day_list: ['MONDAY'],
          day_period_list: [{ begin_time: 0, end_time: 86_400 }],
        }),
    ],
    [
      'percent_off',
      (b: Fixture) =>
        (b.stock_bundle.progressive_bundle_usage_rule.discount_coupon_list = [{ threshold: 0, percent_off: 0 }]),
    ],
    [
      'discount_amount',
      (b: Fixture) =>
        (b.stock_bundle.progressive_bundle_usage_rule.normal_coupon_list = [{ threshold: 0, discount_amount: 0 }]),
    ],
    [
      'usage_description',
      (b: Fixture) => (b.stock_bundle.usage_rule_display_info.usage_description = 'x'.repeat(1001)),
    ],
  ])('rejects a bad %s', (field, edit) => {
    const b = createExample();
    edit(b);
    const error = rejected(body, b);
    expect(error.detail?.field).toMatch(new RegExp(`/${field}(/\\d+)?$`));
    expect(error.message).toContain(field);
  });

  it.each([
    ['scope', (b: Fixture) => (b.scope = 'PART')],
    ['usage_mode', (b: Fixture) => (b.usage_mode = 'SEQUENTIAL')],
    ['coupon_code_mode', (b: Fixture) => (b.stock_bundle.coupon_code_mode = 'API_ASSIGN')],
    ['store_scope', (b: Fixture) => (b.stock_bundle.store_scope = 'SOME')],
    ['background_color', (b: Fixture) => (b.stock_bundle.coupon_display_info.background_color = 'Color011')],
    ['code_display_mode', (b: Fixture) => (b.stock_bundle.coupon_display_info.code_display_mode = 'TEXT')],
    ['day_list', (b: Fixture) => (period(b).weekly_available_period = { day_list: ['FUNDAY'] })],
  ])('rejects an unknown %s', (field, edit) => {
    const b = createExample();
    edit(b);
    expect(rejected(body, b).message).toContain(field);
  });

  it('counts characters, not UTF-16 units (an emoji is one)', () => {
    const b = createExample();
    b.display_info.name = '🎁'.repeat(15);
    ok(body, b);
    b.display_info.name = '🎁'.repeat(16);
    expect(rejected(body, b).detail?.field).toBe('/display_info/name');
    b.display_info.name = '🎁🎁';
    rejected(body, b);
  });

  it('accepts an exchange price of 0 and the minutes-only time form', () => {
    const b = createExample();
    b.stock_bundle.progressive_bundle_usage_rule.exchange_coupon_list = [{ threshold: 0, exchange_price: 0 }];
    period(b).available_begin_time = '2025-01-01T00:00+08:00';
    ok(body, b);
  });

  it.each(['2025-08-01 00:00:00+08:00', '2025-08-01T00:00:00', '2025-08-01', '2025-02-30T00:00:00+08:00'])(
    'rejects the non-RFC3339 time %s',
    (text) => {
      const b = createExample();
      period(b).available_begin_time = text;
      expect(rejected(body, b).detail?.field).toBe(
        '/stock_bundle/progressive_bundle_usage_rule/coupon_available_period/available_begin_time',
      );
    },
  );

  it('rejects unknown fields at any depth', () => {
    for (const edit of [
      (b: Fixture) => (b.foo = 1),
      (b: Fixture) => (b.stock_bundle.foo = 1),
      (b: Fixture) => (b.stock_bundle.progressive_bundle_usage_rule.discount_coupon = {}),
      (b: Fixture) => (period(b).special_first = true),
      (b: Fixture) =>
        (b.display_info.combo_package_list = [
          { name: 'a', pick_count: 1, choice_list: [{ name: 'b', price: 1, count: 1, sku: 'x' }] },
        ]),
    ]) {
      const b = createExample();
      edit(b);
      expect(rejected(body, b).message).toBe('请求中含有未在API文档中定义的参数');
    }
  });

  it('caps combo packages and their choices', () => {
    const choice = { name: '咖啡', price: 1500, count: 1 };
    const b = createExample();
    b.display_info.combo_package_list = [{ name: '套餐', pick_count: 1, choice_list: Array(100).fill(choice) }];
    expect(rejected(body, b).detail?.field).toBe('/display_info/combo_package_list/0/choice_list');
    b.display_info.combo_package_list = Array(51).fill({ name: '套餐', pick_count: 1, choice_list: [choice] });
    expect(rejected(body, b).detail?.field).toBe('/display_info/combo_package_list');
    b.display_info.combo_package_list = [{ name: '套餐', pick_count: 1, choice_list: [{ ...choice, count: 100 }] }];
    rejected(body, b);
  });
});

describe('product coupon management', () => {
  it('get needs brand_id in the query', () => {
    ok(getProductCoupon.query, { brand_id: '120344' }, 'query');
    rejected(getProductCoupon.query, {}, 'query');
  });

  it('modify takes display info only', () => {
    const display_info = createExample().display_info;
    ok(modifyProductCoupon.body, { out_request_no: 'modify_20250101_1', display_info, brand_id: '120344' });
    rejected(modifyProductCoupon.body, { out_request_no: 'modify_20250101_1', brand_id: '120344' });
    rejected(modifyProductCoupon.body, {
      out_request_no: 'modify_20250101_1',
      display_info,
      brand_id: '120344',
      type: 'NORMAL',
    });
  });

  it('deactivate needs a reason of at most 150 characters', () => {
    const example = {
      out_request_no: 'de_34657_20250101_123456',
      deactivate_reason: '批次信息有误，重新创建',
      brand_id: '120344',
    };
    ok(deactivateProductCoupon.body, example);
    rejected(deactivateProductCoupon.body, { ...example, deactivate_reason: '因'.repeat(151) });
    rejected(deactivateProductCoupon.body, { ...example, deactivate_reason: undefined });
  });
});

describe('stock bundles', () => {
  it('add takes the same stock_bundle as create', () => {
    ok(addStockBundle.body, { out_request_no: 'bundle_20250101_1', stock_bundle: bundleOf(), brand_id: '120344' });
    rejected(addStockBundle.body, { out_request_no: 'bundle_20250101_1', brand_id: '120344' });
  });

  it('modify accepts any subset of the copied settings', () => {
    const bundle = bundleOf();
    ok(modifyStockBundle.body, { out_request_no: 'mod_20250101_1', brand_id: '120344' });
    ok(modifyStockBundle.body, {
      out_request_no: 'mod_20250101_1',
      remark: '新备注',
      usage_rule_display_info: bundle.usage_rule_display_info,
      coupon_display_info: bundle.coupon_display_info,
      notify_config: bundle.notify_config,
      store_scope: 'ALL',
      brand_id: '120344',
    });
    rejected(modifyStockBundle.body, { out_request_no: 'mod_20250101_1', brand_id: '120344', stock_send_rule: {} });
    rejected(modifyStockBundle.body, { out_request_no: 'mod_20250101_1', brand_id: '120344', coupon_display_info: {} });
  });

  it('update-budget knows two modes', () => {
    const budget = {
      out_request_no: 'budget_20250101_1',
      brand_id: '120344',
      current_max_count: 1,
      target_max_count: 2,
    };
    ok(updateStockBundleBudget.body, { ...budget, update_mode: 'MAX_COUNT' });
    rejected(updateStockBundleBudget.body, { ...budget, update_mode: 'MAX_COUNT_PER_USER' });
    rejected(updateStockBundleBudget.body, { ...budget, update_mode: 'MAX_COUNT', target_max_count: 100_000_001 });
  });

  it('answers with the bundle and its stocks', () => {
    ok(addStockBundle.response, { stock_bundle_id: '712315129419284901', stock_list: [stock(0, 50)] });
  });
});

describe('stock queries', () => {
  it('list pages by at most 50', () => {
    ok(listStocks.query, { brand_id: '120344' }, 'query');
    ok(
      listStocks.query,
      {
        brand_id: '120344',
        state: 'DEACTIVATED',
        page_size: 50,
        stock_bundle_id: '712315129419284901',
        page_token: 'abc',
      },
      'query',
    );
    expect(rejected(listStocks.query, { brand_id: '120344', page_size: 51 }, 'query').detail?.location).toBe('query');
    rejected(listStocks.query, { brand_id: '120344', page_size: 0 }, 'query');
    rejected(listStocks.query, { brand_id: '120344', state: 'EFFECTIVE' }, 'query');
    rejected(listStocks.query, { page_size: 10 }, 'query');
  });

  it('describes a page', () => {
    ok(listStocks.response, { total_count: 3, stock_list: [stock(0, 50), stock(1, 20)], next_page_token: 'n' });
    ok(listStocks.response, {});
  });

  it('get needs brand_id', () => {
    ok(getStock.query, { brand_id: '120344' }, 'query');
    rejected(getStock.query, { brand_id: '120344', state: 'SENDING' }, 'query');
  });
});

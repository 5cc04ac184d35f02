import { describe, expect, it } from 'vitest';
import { expectFailure } from '../../test/helpers/expect-failure.js';
import { documentedCreateExample, documentedSingleCreateExample } from '../schemas/create-example.test-helper.js';
import {
  type CreateProductCouponInput,
  checkAddStock,
  checkAddStockBundle,
  checkBundleMode,
  checkCreateProductCoupon,
  checkModifyProductCoupon,
  checkModifyStockBundle,
  checkStrength,
  type StockBundleInput,
} from './catalog-rules.js';

/** WeChat's documented 创建商品券 example. */
const example = (): CreateProductCouponInput & { stock_bundle: StockBundleInput } => documentedCreateExample();

const RULES = '/stock_bundle/progressive_bundle_usage_rule';

const create = (edit: (body: ReturnType<typeof example>) => void) => () => {
  const body = example();
  edit(body);
  checkCreateProductCoupon(body);
};
describe('create product coupon', () => {
  it('accepts the documented example', () => {
    expect(() => checkCreateProductCoupon(example())).not.toThrow();
  });

  it('requires the progressive-bundle parts and refuses the single-coupon ones', () => {
    expectFailure(
      create((b) => delete b.progressive_bundle_usage_info),
      'PARAM_ERROR',
      '/progressive_bundle_usage_info',
    );
    expectFailure(
      create((b) => delete (b as Partial<typeof b>).stock_bundle),
      'PARAM_ERROR',
      '/stock_bundle',
    );
    expectFailure(
      create((b) => (b.single_usage_info = {})),
      'PARAM_ERROR',
      '/single_usage_info',
    );
    expectFailure(
      create((b) => (b.stock = documentedSingleCreateExample().stock)),
      'PARAM_ERROR',
      '/stock',
    );
  });

  it('allows EXCHANGE only with scope SINGLE', () => {
    const exchange = (scope: 'ALL' | 'SINGLE') =>
      create((b) => {
        b.scope = scope;
        b.type = 'EXCHANGE';
        b.display_info = { combo_package_list: [{ name: '套餐', pick_count: 1, choice_list: [{ name: '咖啡' }] }] };
        const rules = b.stock_bundle.progressive_bundle_usage_rule!;
        delete rules.discount_coupon_list;
        rules.exchange_coupon_list = [0, 0, 0].map((exchange_price) => ({ threshold: 0, exchange_price }));
      });
    expectFailure(exchange('ALL'), 'INVALID_REQUEST', '/type');
    expect(exchange('SINGLE')).not.toThrow();
  });

  it('needs exactly the rule list of its type', () => {
    expectFailure(
      create((b) => delete b.stock_bundle.progressive_bundle_usage_rule!.discount_coupon_list),
      'PARAM_ERROR',
      `${RULES}/discount_coupon_list`,
    );
    expectFailure(
      create((b) => {
        b.stock_bundle.progressive_bundle_usage_rule!.normal_coupon_list = [{ threshold: 0, discount_amount: 1 }];
      }),
      'PARAM_ERROR',
      `${RULES}/normal_coupon_list`,
    );
    expect(
      create((b) => {
        b.type = 'NORMAL';
        const rules = b.stock_bundle.progressive_bundle_usage_rule!;
        delete rules.discount_coupon_list;
        rules.normal_coupon_list = [500, 100, 200].map((discount_amount) => ({ threshold: 10000, discount_amount }));
      }),
    ).not.toThrow();
  });

  it('needs one rule per usable time', () => {
    const error = expectFailure(
      create((b) => {
        b.progressive_bundle_usage_info!.count = 4;
      }),
      'PARAM_ERROR',
      `${RULES}/discount_coupon_list`,
    );
    expect(error.message).toContain('count');
  });
});

describe('monotonic strength (docs/fidelity.md, Objects)', () => {
  /** 8折 is percent_off 20, 7折 is 30 … */
  const discounts = (...zhe: number[]) =>
    create((b) => {
      b.progressive_bundle_usage_info!.count = zhe.length;
      b.stock_bundle.progressive_bundle_usage_rule!.discount_coupon_list = zhe.map((z) => ({
        threshold: 0,
        percent_off: 100 - z * 10,
      }));
    });

  it.each([[[8, 7, 6, 5, 4]], [[8, 8, 8, 8, 8]], [[6, 7, 6, 5, 4]], [[6, 7, 7, 7, 7]], [[5, 8, 7]]])(
    'accepts %j 折',
    (zhe) => {
      expect(discounts(...zhe)).not.toThrow();
    },
  );

  it.each([
    [[6, 7, 8, 7, 7], 2],
    [[8, 7, 6, 7, 4], 3],
  ])('rejects %j 折 at round index %i', (zhe, index) => {
    expectFailure(discounts(...zhe), 'INVALID_REQUEST', `${RULES}/discount_coupon_list/${index}/percent_off`);
  });

  it('NORMAL: discount_amount must not decrease after round 1', () => {
    const field = (i: number) => `/x/${i}/discount_amount`;
    expect(() => checkStrength([900, 100, 100, 200], 1, field)).not.toThrow();
    expectFailure(() => checkStrength([100, 300, 200], 1, field), 'INVALID_REQUEST', field(2));
  });

  it('EXCHANGE: exchange_price must not increase after round 1', () => {
    const field = (i: number) => `/x/${i}/exchange_price`;
    expect(() => checkStrength([0, 900, 500, 500, 0], -1, field)).not.toThrow();
    expectFailure(() => checkStrength([0, 500, 600], -1, field), 'INVALID_REQUEST', field(2));
  });
});

describe('display info', () => {
  const combo = { name: '双人餐', pick_count: 2, choice_list: [{ name: '汉堡' }, { name: '可乐' }] };

  it('combo packages: required for SINGLE, refused for ALL', () => {
    expectFailure(() => checkModifyProductCoupon('SINGLE', {}), 'PARAM_ERROR', '/display_info/combo_package_list');
    expectFailure(
      () => checkModifyProductCoupon('ALL', { combo_package_list: [combo] }),
      'PARAM_ERROR',
      '/display_info/combo_package_list',
    );
    expect(() => checkModifyProductCoupon('SINGLE', { combo_package_list: [combo] })).not.toThrow();
  });

  it('pick_count cannot exceed the choices', () => {
    expectFailure(
      () => checkModifyProductCoupon('SINGLE', { combo_package_list: [{ ...combo, pick_count: 3 }] }),
      'PARAM_ERROR',
      '/display_info/combo_package_list/0/pick_count',
    );
  });

  it('a choice gives its mini program appid and path together', () => {
    const choice = { name: '汉堡', mini_program_appid: 'wx1' };
    expectFailure(
      () => checkModifyProductCoupon('SINGLE', { combo_package_list: [{ ...combo, choice_list: [choice, choice] }] }),
      'PARAM_ERROR',
      '/display_info/combo_package_list/0/choice_list/0/mini_program_path',
    );
  });

  it('original_price is only for SINGLE (0 = unset is fine for ALL)', () => {
    expectFailure(
      () => checkModifyProductCoupon('ALL', { original_price: 100 }),
      'PARAM_ERROR',
      '/display_info/original_price',
    );
    expect(() => checkModifyProductCoupon('ALL', { original_price: 0 })).not.toThrow();
    expect(() =>
      checkModifyProductCoupon('SINGLE', { original_price: 100, combo_package_list: [combo] }),
    ).not.toThrow();
  });

  it('is checked on create too', () => {
    expectFailure(
      create((b) => {
        b.display_info.original_price = 100;
      }),
      'PARAM_ERROR',
      '/display_info/original_price',
    );
  });
});

describe('usage rule display info', () => {
  const base = '/usage_rule_display_info';
  const modify = (info: Parameters<typeof checkModifyStockBundle>[0]['usage_rule_display_info']) => () =>
    checkModifyStockBundle({ usage_rule_display_info: info });

  it('MINI_PROGRAM needs the mini program, given as a pair', () => {
    expectFailure(modify({ coupon_usage_method_list: ['MINI_PROGRAM'] }), 'PARAM_ERROR', `${base}/mini_program_appid`);
    expectFailure(
      modify({ coupon_usage_method_list: ['OFFLINE'], mini_program_appid: 'wx1' }),
      'PARAM_ERROR',
      `${base}/mini_program_path`,
    );
    expect(
      modify({ coupon_usage_method_list: ['MINI_PROGRAM'], mini_program_appid: 'wx1', mini_program_path: '/p' }),
    ).not.toThrow();
  });

  it('APP needs its jump type and the target of that type', () => {
    expectFailure(modify({ coupon_usage_method_list: ['APP'] }), 'PARAM_ERROR', `${base}/app_jump_type`);
    expectFailure(
      modify({ coupon_usage_method_list: ['APP'], app_jump_type: 'H5' }),
      'PARAM_ERROR',
      `${base}/app_path`,
    );
    expectFailure(
      modify({ coupon_usage_method_list: ['APP'], app_jump_type: 'PASSCODE_LINK' }),
      'PARAM_ERROR',
      `${base}/passcode_link`,
    );
    expect(modify({ coupon_usage_method_list: ['APP'], app_jump_type: 'H5', app_path: 'https://h5' })).not.toThrow();
  });

  it('the store-info mini program is a pair too', () => {
    expectFailure(
      modify({ coupon_usage_method_list: ['OFFLINE'], coupon_available_store_info: { mini_program_path: '/s' } }),
      'PARAM_ERROR',
      `${base}/coupon_available_store_info/mini_program_appid`,
    );
    expect(() => checkModifyStockBundle({})).not.toThrow();
  });

  it('is checked on create too', () => {
    expectFailure(
      create((b) => {
        b.stock_bundle.usage_rule_display_info.coupon_usage_method_list = ['APP'];
      }),
      'PARAM_ERROR',
      '/stock_bundle/usage_rule_display_info/app_jump_type',
    );
  });
});

describe('add stock bundle', () => {
  const product = {
    scope: 'ALL',
    type: 'DISCOUNT',
    usage_mode: 'PROGRESSIVE_BUNDLE',
    progressive_bundle_usage_info: { count: 3 },
  } as const;

  it('checks the bundle against the stored product coupon', () => {
    expect(() => checkAddStockBundle(product, example().stock_bundle)).not.toThrow();
    expectFailure(
      () => checkAddStockBundle({ ...product, progressive_bundle_usage_info: { count: 5 } }, example().stock_bundle),
      'PARAM_ERROR',
      `${RULES}/discount_coupon_list`,
    );
    expectFailure(() => checkAddStockBundle({ ...product, type: 'NORMAL' }, example().stock_bundle), 'PARAM_ERROR');
  });

  it('only for progressive-bundle product coupons', () => {
    expectFailure(
      () => checkAddStockBundle({ scope: 'ALL', type: 'DISCOUNT', usage_mode: 'SINGLE' }, example().stock_bundle),
      'INVALID_REQUEST',
      '/stock_bundle',
    );
  });

  it('needs the round rules and checks their period', () => {
    const bundle = example().stock_bundle;
    bundle.progressive_bundle_usage_rule!.coupon_available_period.available_end_time = '2025-07-01T00:00:00+08:00';
    expectFailure(
      () => checkAddStockBundle(product, bundle),
      'PARAM_ERROR',
      `${RULES}/coupon_available_period/available_end_time`,
    );
    delete bundle.progressive_bundle_usage_rule;
    expectFailure(() => checkAddStockBundle(product, bundle), 'PARAM_ERROR', `${RULES}`);
  });
});

describe('single-mode create and add stock (D-71, D-72)', () => {
  const single = (edit: (body: ReturnType<typeof documentedSingleCreateExample>) => void) => () => {
    const body = documentedSingleCreateExample();
    edit(body);
    checkCreateProductCoupon(body);
  };
  const SINGLE_RULE = '/stock/single_usage_rule';
  /** A partial-goods (scope=SINGLE) exchange coupon: the discount sits in the stock. */
  const exchange = (b: ReturnType<typeof documentedSingleCreateExample>) => {
    b.scope = 'SINGLE';
    b.type = 'EXCHANGE';
    delete b.single_usage_info;
    b.display_info.combo_package_list = [
      { name: '套餐', pick_count: 1, choice_list: [{ name: '咖啡', price: 1000, count: 1 }] },
    ];
    b.stock.single_usage_rule.exchange_coupon = { threshold: 0, exchange_price: 100 };
  };

  it('accepts the documented example and a partial-goods exchange coupon', () => {
    expect(single(() => {})).not.toThrow();
    expect(single(exchange)).not.toThrow();
  });

  it('refuses the bundle parts and requires the stock', () => {
    expectFailure(
      single((b) => (b.progressive_bundle_usage_info = { count: 3 })),
      'PARAM_ERROR',
      '/progressive_bundle_usage_info',
    );
    expectFailure(
      single((b) => (b.stock_bundle = documentedCreateExample().stock_bundle)),
      'PARAM_ERROR',
      '/stock_bundle',
    );
    expectFailure(
      single((b) => delete (b as Partial<typeof b>).stock),
      'PARAM_ERROR',
      '/stock',
    );
  });

  it('takes a whole-store discount from single_usage_info only', () => {
    expectFailure(
      single((b) => delete b.single_usage_info),
      'PARAM_ERROR',
      '/single_usage_info',
    );
    expectFailure(
      single((b) => (b.single_usage_info = {})),
      'PARAM_ERROR',
      '/single_usage_info/discount_coupon',
    );
    expectFailure(
      single((b) => (b.single_usage_info!.normal_coupon = { threshold: 0, discount_amount: 1 })),
      'PARAM_ERROR',
      '/single_usage_info/normal_coupon',
    );
    expectFailure(
      single((b) => (b.stock.single_usage_rule.discount_coupon = { threshold: 0, percent_off: 10 })),
      'PARAM_ERROR',
      `${SINGLE_RULE}/discount_coupon`,
    );
  });

  it('takes a partial-goods discount from the stock only', () => {
    expectFailure(
      single((b) => {
        exchange(b);
        b.single_usage_info = { discount_coupon: { threshold: 0, percent_off: 10 } };
      }),
      'PARAM_ERROR',
      '/single_usage_info',
    );
    expectFailure(
      single((b) => {
        exchange(b);
        delete b.stock.single_usage_rule.exchange_coupon;
      }),
      'PARAM_ERROR',
      `${SINGLE_RULE}/exchange_coupon`,
    );
    expectFailure(
      single((b) => {
        exchange(b);
        b.stock.single_usage_rule.normal_coupon = { threshold: 0, discount_amount: 1 };
      }),
      'PARAM_ERROR',
      `${SINGLE_RULE}/normal_coupon`,
    );
  });

  it('checks the stock period and the whole-store type rule', () => {
    expectFailure(
      single(
        (b) => (b.stock.single_usage_rule.coupon_available_period.available_end_time = '2025-07-01T00:00:00+08:00'),
      ),
      'PARAM_ERROR',
      `${SINGLE_RULE}/coupon_available_period/available_end_time`,
    );
    expectFailure(
      single((b) => (b.type = 'EXCHANGE')),
      'INVALID_REQUEST',
      '/type',
    );
  });

  it('adds stocks only to single-mode coupons, and bundle APIs refuse them', () => {
    const facts = { scope: 'ALL', type: 'DISCOUNT', usage_mode: 'SINGLE' } as const;
    const stock = documentedSingleCreateExample().stock;
    expect(() => checkAddStock(facts, stock)).not.toThrow();
    expectFailure(
      () => checkAddStock({ ...facts, usage_mode: 'PROGRESSIVE_BUNDLE' }, stock),
      'INVALID_REQUEST',
      '/stock',
    );
    const { single_usage_rule: _, ...withoutRule } = stock;
    expectFailure(() => checkAddStock(facts, withoutRule), 'PARAM_ERROR', '/stock/single_usage_rule');
    expectFailure(() => checkBundleMode(facts), 'INVALID_REQUEST', '/stock_bundle_id');
    expectFailure(
      () => checkAddStockBundle(facts, documentedCreateExample().stock_bundle),
      'INVALID_REQUEST',
      '/stock_bundle',
    );
  });
});

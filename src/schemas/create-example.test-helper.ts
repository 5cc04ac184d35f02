import type { CreateProductCouponBodyT } from './product-coupons.js';

/** WeChat's documented 创建商品券 example (多次优惠, whole-store discount, three rounds). */
type WithBundle = CreateProductCouponBodyT & { stock_bundle: NonNullable<CreateProductCouponBodyT['stock_bundle']> };

export const documentedCreateExample = (): WithBundle => ({
  out_request_no: 'MANY_ALL_DISCOUNT_20250101_001',
  brand_id: '120344',
  out_product_no: 'Product_1234567890',
  scope: 'ALL',
  type: 'DISCOUNT',
  usage_mode: 'PROGRESSIVE_BUNDLE',
  progressive_bundle_usage_info: { count: 3, interval_days: 1 },
  display_info: {
    name: '全场满100立打8折',
    image_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/xxx',
    background_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/xxx',
    detail_image_url_list: ['https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/xxx'],
  },
  stock_bundle: {
    remark: '8月工作日有效批次',
    coupon_code_mode: 'WECHATPAY',
    stock_send_rule: { max_count: 10000000, max_count_per_user: 1 },
    progressive_bundle_usage_rule: {
      coupon_available_period: {
        available_begin_time: '2025-08-01T00:00:00+08:00',
        available_end_time: '2025-08-31T23:59:59+08:00',
        available_days: 30,
        weekly_available_period: { day_list: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] },
      },
      discount_coupon_list: [
        { threshold: 10000, percent_off: 50 },
        { threshold: 10000, percent_off: 20 },
        { threshold: 10000, percent_off: 30 },
      ],
    },
    usage_rule_display_info: {
      coupon_usage_method_list: ['OFFLINE', 'MINI_PROGRAM', 'PAYMENT_CODE'],
      mini_program_appid: 'wx1234567890',
      mini_program_path: '/pages/index/product',
      usage_description: '工作日可用',
      coupon_available_store_info: {
        description: '所有门店可用，可使用小程序查看门店列表',
        mini_program_appid: 'wx1234567890',
        mini_program_path: '/pages/index/store-list',
      },
    },
    coupon_display_info: { code_display_mode: 'QRCODE', background_color: 'Color010' },
    notify_config: { notify_appid: 'wx4fd12345678' },
    store_scope: 'NONE',
  },
});

type WithStock = CreateProductCouponBodyT & { stock: NonNullable<CreateProductCouponBodyT['stock']> };

/** WeChat's documented 创建商品券 example in single mode (全场满100立打8折, one stock). */
export const documentedSingleCreateExample = (): WithStock => {
  const { stock_bundle: bundle, progressive_bundle_usage_info: _, ...rest } = documentedCreateExample();
  const { progressive_bundle_usage_rule: rules, ...settings } = bundle;
  return {
    ...rest,
    out_request_no: 'SINGLE_ALL_DISCOUNT_20250101_001',
    usage_mode: 'SINGLE',
    single_usage_info: { discount_coupon: { threshold: 10000, percent_off: 20 } },
    stock: {
      ...settings,
      coupon_code_mode: 'UPLOAD',
      single_usage_rule: { coupon_available_period: rules.coupon_available_period },
    },
  };
};

import { shanghaiMidnight, toRfc3339 } from '../../domain/clock.js';
import type { CreateProductCouponBodyT } from '../../schemas/product-coupons.js';
import { DEMO } from '../bootstrap.js';
import type { ServiceDeps } from '../deps.js';
import { createProductCoupon } from './create.js';
import type { CreatedProductCouponT } from './types.js';

/**
 * The demo merchant's product coupon: three rounds (满100减10 / 15 / 20) of a coffee combo, valid for 300 days,
 * with images coupond serves itself (D-24). Idempotent: `null` when it exists already or there is no demo merchant.
 */
/** The sandbox's own notify sink (`/sandbox/v1/notify-sink`), so the demo's callbacks arrive and can be read. */
export const demoNotifyUrl = (baseUrl: string) =>
  `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}sandbox/v1/notify-sink`;
const DEMO_REQUEST_NO = 'COUPOND_DEMO_CATALOG_0001';
const DEMO_SINGLE_REQUEST_NO = 'COUPOND_DEMO_SINGLE_0001';
const DAY_MS = 86_400_000;

export async function createDemoCatalog(
  deps: ServiceDeps,
  baseUrl: string,
): Promise<{ product_coupon_id: string; stock_bundle_id: string } | null> {
  const { store } = deps;
  const merchant = await store.getMerchant(DEMO.mchid);
  if (!merchant) return null;
  if (!merchant.notifyUrl) await store.setNotifyUrl(DEMO.mchid, demoNotifyUrl(baseUrl), toRfc3339(deps.clock.now()));
  await createDemoSingle(deps, baseUrl);
  if (await store.getSetting('demo_stock_bundle_id')) return null;

  const created = await createOnce(deps, demoBody(deps.clock.now(), baseUrl));
  const ids = { product_coupon_id: created.product_coupon_id, stock_bundle_id: created.stock_bundle!.stock_bundle_id };
  await store.initSetting('demo_product_coupon_id', ids.product_coupon_id);
  await store.initSetting('demo_stock_bundle_id', ids.stock_bundle_id);
  return ids;
}

/** The demo's single coupon (D-100): one 满30减8 coffee, in a data folder made before it too. */
async function createDemoSingle(deps: ServiceDeps, baseUrl: string): Promise<void> {
  if (await deps.store.getSetting('demo_single_stock_id')) return;
  const created = await createOnce(deps, demoSingleBody(deps.clock.now(), baseUrl));
  await deps.store.initSetting('demo_single_product_coupon_id', created.product_coupon_id);
  await deps.store.initSetting('demo_single_stock_id', created.stock!.stock_id);
}

/** Creates the demo product coupon; a run interrupted after the create and before the settings finds its first answer. */
async function createOnce(deps: ServiceDeps, body: CreateProductCouponBodyT): Promise<CreatedProductCouponT> {
  const earlier = await deps.store.getRequestRecord({
    mchid: DEMO.mchid,
    brandId: DEMO.brand_id,
    api: 'createProductCoupon',
    requestNo: body.out_request_no,
  });
  return earlier
    ? (JSON.parse(earlier.response) as CreatedProductCouponT)
    : createProductCoupon(deps, DEMO.mchid, body);
}

/** The single-mode twin of the demo bundle: the same coffee, one 满30减8 coupon (scope=SINGLE, D-71). */
function demoSingleBody(now: Date, baseUrl: string): CreateProductCouponBodyT {
  const { stock_bundle: bundle, progressive_bundle_usage_info: _, ...coupon } = demoBody(now, baseUrl);
  const { progressive_bundle_usage_rule: rule, ...stock } = bundle!;
  return {
    ...coupon,
    out_request_no: DEMO_SINGLE_REQUEST_NO,
    usage_mode: 'SINGLE',
    display_info: { ...coupon.display_info, name: '精品咖啡单次立减券' },
    out_product_no: 'COUPOND_DEMO_COFFEE_SINGLE',
    stock: {
      ...stock,
      remark: 'coupond 演示单券批次',
      single_usage_rule: {
        coupon_available_period: rule!.coupon_available_period,
        normal_coupon: { threshold: 3000, discount_amount: 800 },
      },
      usage_rule_display_info: { ...stock.usage_rule_display_info, usage_description: '每单满30元可用，立减8元' },
    },
  };
}

export function demoBody(now: Date, baseUrl: string): CreateProductCouponBodyT {
  const root = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const image = (name: string) => `${root}component/assets/demo/${name}.svg`;
  const begin = shanghaiMidnight(now);
  const choice = (name: string, file: string, price: number) => ({
    name,
    price,
    count: 1,
    image_url: image(file),
    mini_program_appid: DEMO.appid,
    mini_program_path: `/pages/product/${file}`,
  });
  return {
    out_request_no: DEMO_REQUEST_NO,
    brand_id: DEMO.brand_id,
    scope: 'SINGLE',
    type: 'NORMAL',
    usage_mode: 'PROGRESSIVE_BUNDLE',
    progressive_bundle_usage_info: { count: 3, interval_days: 0 },
    display_info: {
      name: '精品咖啡三次立减券',
      image_url: image('product'),
      background_url: image('background'),
      original_price: 3200,
      combo_package_list: [
        {
          name: '任选一杯咖啡',
          pick_count: 1,
          choice_list: [
            choice('拿铁', 'latte', 3200),
            choice('美式', 'americano', 2800),
            choice('摩卡', 'mocha', 3400),
          ],
        },
      ],
    },
    out_product_no: 'COUPOND_DEMO_COFFEE',
    stock_bundle: {
      remark: 'coupond 演示批次组',
      coupon_code_mode: 'WECHATPAY',
      stock_send_rule: { max_count: 1_000_000, max_count_per_day: 10_000, max_count_per_user: 1 },
      progressive_bundle_usage_rule: {
        coupon_available_period: {
          available_begin_time: toRfc3339(begin),
          available_end_time: toRfc3339(new Date(begin.getTime() + 300 * DAY_MS - 1000)),
        },
        normal_coupon_list: [1000, 1500, 2000].map((discount_amount) => ({ threshold: 10000, discount_amount })),
      },
      usage_rule_display_info: {
        coupon_usage_method_list: ['MINI_PROGRAM'],
        mini_program_appid: DEMO.appid,
        mini_program_path: '/pages/index/index',
        usage_description: '每单满100元可用，三次依次立减10元、15元、20元',
      },
      coupon_display_info: { code_display_mode: 'QRCODE', background_color: 'Color020' },
      notify_config: { notify_appid: DEMO.appid },
      store_scope: 'NONE',
    },
  };
}

import { toRfc3339 } from '../src/domain/clock.js';
import type { DemoTenant } from '../src/services/bootstrap.js';
import type { ServiceDeps } from '../src/services/deps.js';

/** A 3-round bundle with a budget large enough for every benchmark claim, written straight to the store. */
export async function seedBenchBundle(deps: ServiceDeps, t: DemoTenant) {
  const now = deps.clock.now();
  const at = toRfc3339(now);
  const productCouponId = '8800000001';
  const stockBundleId = '8800000001001';
  const period = {
    available_begin_time: toRfc3339(new Date(now.getTime() - 86_400_000)),
    available_end_time: toRfc3339(new Date(now.getTime() + 30 * 86_400_000)),
  };
  const stockIds = [0, 1, 2].map((i) => `88000000010${i}1`);
  await deps.store.createProductCoupon(
    {
      mchid: t.mchid,
      brandId: t.brand_id,
      api: 'bench',
      requestNo: 'BENCH_SEED',
      fingerprint: '',
      status: 200,
      response: '{}',
      createdAt: at,
    },
    {
      productCouponId,
      mchid: t.mchid,
      brandId: t.brand_id,
      state: 'EFFECTIVE',
      data: {
        product_coupon_id: productCouponId,
        scope: 'ALL',
        type: 'NORMAL',
        usage_mode: 'PROGRESSIVE_BUNDLE',
        progressive_bundle_usage_info: { count: 3, interval_days: 0 },
        display_info: {
          name: '压测满100减10',
          image_url: 'http://127.0.0.1/p.svg',
          background_url: 'http://127.0.0.1/b.svg',
        },
      },
      deactivation: null,
      createdAt: at,
      updatedAt: at,
    },
    { stockBundleId, productCouponId, mchid: t.mchid, brandId: t.brand_id, createdAt: at, kind: 'BUNDLE' },
    stockIds.map((stockId, index) => ({
      stockId,
      stockBundleId,
      productCouponId,
      mchid: t.mchid,
      brandId: t.brand_id,
      index,
      state: 'SENDING' as const,
      data: {
        product_coupon_id: productCouponId,
        stock_id: stockId,
        coupon_code_mode: 'WECHATPAY' as const,
        progressive_bundle_usage_rule: {
          coupon_available_period: period,
          normal_coupon: { threshold: 10000, discount_amount: 1000 },
        },
        stock_bundle_info: { stock_bundle_id: stockBundleId, stock_bundle_index: index },
        usage_rule_display_info: { coupon_usage_method_list: ['OFFLINE' as const], usage_description: '压测' },
        coupon_display_info: { code_display_mode: 'QRCODE' as const },
        notify_config: { notify_appid: t.appid },
        store_scope: 'NONE' as const,
      },
      maxCount: 100_000_000,
      maxCountPerUser: 1,
      maxCountPerDay: null,
      totalCount: 0,
      todayCount: 0,
      deactivation: null,
      createdAt: at,
      updatedAt: at,
    })),
  );
  return { productCouponId, stockBundleId, stockIds };
}

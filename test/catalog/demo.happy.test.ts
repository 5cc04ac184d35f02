import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/services/bootstrap.js';
import { createProductCoupon } from '../../src/services/catalog/create.js';
import { createDemoCatalog, demoBody, demoNotifyUrl } from '../../src/services/catalog/demo.js';
import type { ProductCouponT } from '../../src/services/catalog/types.js';
import { type Running, startCoupond } from '../harness.js';
import { PRESEND } from '../issuance/helpers.js';
import { json, paths, type StockPageT } from './helpers.js';

let c: Running;
beforeEach(async () => {
  c = await startCoupond({ sandbox: false });
});
afterEach(() => c.close());

describe('createDemoCatalog', () => {
  it('creates the demo coupon once, through the create service, with images coupond serves', async () => {
    const ids = await createDemoCatalog(c.deps, c.baseURL);
    expect(ids).not.toBeNull();
    expect(await createDemoCatalog(c.deps, c.baseURL)).toBeNull();
    expect(await c.store.getSetting('demo_product_coupon_id')).toBe(ids!.product_coupon_id);
    expect(await c.store.getSetting('demo_stock_bundle_id')).toBe(ids!.stock_bundle_id);
    expect((await c.store.getMerchant(DEMO.mchid))?.notifyUrl).toBe(demoNotifyUrl(c.baseURL));

    const coupon = await json<ProductCouponT>(await c.send('GET', paths.coupon(ids!.product_coupon_id, DEMO.brand_id)));
    expect(coupon).toMatchObject({ state: 'EFFECTIVE', scope: 'SINGLE', type: 'NORMAL' });
    const images = [
      coupon.display_info.image_url,
      coupon.display_info.background_url,
      ...(coupon.display_info.combo_package_list?.[0]?.choice_list.map((x) => x.image_url ?? '') ?? []),
    ];
    expect(images).toHaveLength(5);
    for (const url of images) {
      expect(url.startsWith(`${c.baseURL}component/assets/demo/`)).toBe(true);
      const res = await fetch(url);
      expect(res.headers.get('content-type')).toMatch(/svg/);
    }

    const page = await json<StockPageT>(
      await c.send('GET', paths.stocks(ids!.product_coupon_id, { brand_id: DEMO.brand_id })),
    );
    expect(page.stock_list?.map((s) => s.progressive_bundle_usage_rule?.normal_coupon)).toEqual([
      { threshold: 10000, discount_amount: 1000 },
      { threshold: 10000, discount_amount: 1500 },
      { threshold: 10000, discount_amount: 2000 },
    ]);
    const rule = page.stock_list?.[0]?.progressive_bundle_usage_rule?.coupon_available_period;
    expect(Date.parse(rule!.available_end_time) - Date.parse(rule!.available_begin_time)).toBe(300 * 86_400_000 - 1000);
    expect(page.stock_list?.[0]?.stock_send_rule.max_count_per_user).toBe(1);
    expect(page.stock_list?.[0]?.stock_send_rule.max_count_per_day).toBeGreaterThan(0);

    const token = await c.send('POST', PRESEND(DEMO.openid), {
      brand_id: DEMO.brand_id,
      product_coupon_id: ids!.product_coupon_id,
      stock_bundle_id: ids!.stock_bundle_id,
      appid: DEMO.appid,
      send_request_no: 'DEMO_TEST_0001',
    });
    expect(token.status).toBe(200);
  });

  it('finishes a run interrupted between the create and the settings without a second coupon', async () => {
    await c.store.setNotifyUrl(DEMO.mchid, demoNotifyUrl(c.baseURL), '2025-01-01T00:00:00+08:00');
    const first = await createProductCoupon(c.deps, DEMO.mchid, demoBody(c.clock.now(), c.baseURL));
    c.clock.advance(3600);
    const ids = await createDemoCatalog(c.deps, c.baseURL);
    expect(ids).toEqual({
      product_coupon_id: first.product_coupon_id,
      stock_bundle_id: first.stock_bundle!.stock_bundle_id,
    });
  });

  it('keeps a notify URL the demo merchant already has', async () => {
    await c.store.setNotifyUrl(DEMO.mchid, 'https://merchant.example.com/cb', '2025-01-01T00:00:00+08:00');
    await createDemoCatalog(c.deps, c.baseURL.slice(0, -1));
    expect((await c.store.getMerchant(DEMO.mchid))?.notifyUrl).toBe('https://merchant.example.com/cb');
  });
});

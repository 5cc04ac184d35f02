import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import type { ProductCouponT } from '../../src/services/catalog/types.js';
import { type Running, startCoupond } from '../harness.js';
import {
  bundleInput,
  type CreatedProductCouponT,
  createBody,
  no,
  type StockBundleT,
  type StockPageT,
  type StockT,
} from './helpers.js';

/** The catalog driven by the unmodified npm SDK in its chained style; it verifies every answer's signature. */
let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

const dataOf = <T>(r: { data: unknown }) => r.data as T;

describe('wechatpay-axios-plugin chained style against the catalog', () => {
  it('creates, reads, modifies, extends, budgets, lists and deactivates', async () => {
    const wxpay = new Wechatpay({
      mchid: c.merchant.mchid,
      serial: c.merchant.serial,
      privateKey: c.merchant.privateKey,
      certs: { [c.platform.id]: Rsa.from(c.platform.publicKey, Rsa.KEY_TYPE_PUBLIC) },
      baseURL: c.baseURL,
    });
    const pc = wxpay.v3.marketing.partner.productCoupon;
    const brand_id = c.merchant.brandId;
    await pc.notifyConfigs.post({ notify_url: 'https://merchant.example.com/notify' });

    const created = dataOf<CreatedProductCouponT>(await pc.productCoupons.post(createBody(c, { maxCount: 500 })));
    const product_coupon_id = created.product_coupon_id;
    const stock_bundle_id = created.stock_bundle!.stock_bundle_id;
    expect(created.state).toBe('EFFECTIVE');

    const got = dataOf<ProductCouponT>(
      await pc.productCoupons._product_coupon_id_.get({ product_coupon_id, params: { brand_id } }),
    );
    expect(got.product_coupon_id).toBe(product_coupon_id);

    const display_info = { ...got.display_info, name: '链式调用修改' };
    const modified = await pc.productCoupons._product_coupon_id_.patch(
      { out_request_no: no('AX'), display_info, brand_id },
      { product_coupon_id },
    );
    expect(dataOf<ProductCouponT>(modified).display_info.name).toBe('链式调用修改');

    const added = await pc.productCoupons._product_coupon_id_.stockBundles.post(
      { out_request_no: no('AX'), brand_id, stock_bundle: bundleInput(c) },
      { product_coupon_id },
    );
    expect(dataOf<StockBundleT>(added).stock_list).toHaveLength(3);

    const changed = await pc.productCoupons._product_coupon_id_.stockBundles._stock_bundle_id_.patch(
      { out_request_no: no('AX'), brand_id, store_scope: 'ALL' },
      { product_coupon_id, stock_bundle_id },
    );
    expect(dataOf<StockBundleT>(changed).stock_list.every((s) => s.store_scope === 'ALL')).toBe(true);

    const budget = await pc.productCoupons._product_coupon_id_.stockBundles._stock_bundle_id_.updateBudget.post(
      { out_request_no: no('AX'), brand_id, update_mode: 'MAX_COUNT', current_max_count: 500, target_max_count: 800 },
      { product_coupon_id, stock_bundle_id },
    );
    expect(dataOf<StockBundleT>(budget).stock_list[0]?.stock_send_rule.max_count).toBe(800);

    const page = dataOf<StockPageT>(
      await pc.productCoupons._product_coupon_id_.stocks.get({ product_coupon_id, params: { brand_id, page_size: 4 } }),
    );
    expect(page.total_count).toBe(6);
    expect(page.next_page_token).toBeTruthy();
    const stock_id = page.stock_list![1]!.stock_id;
    const stock = dataOf<StockT>(
      await pc.productCoupons._product_coupon_id_.stocks._stock_id_.get({
        product_coupon_id,
        stock_id,
        params: { brand_id },
      }),
    );
    expect(stock.stock_bundle_info?.stock_bundle_index).toBe(1);

    const deactivated = await pc.productCoupons._product_coupon_id_.deactivate.post(
      { out_request_no: no('AX'), deactivate_reason: '链式调用失效', brand_id },
      { product_coupon_id },
    );
    expect(dataOf<ProductCouponT>(deactivated).state).toBe('DEACTIVATED');

    const error = (await pc.productCoupons._product_coupon_id_
      .get({ product_coupon_id: '1999999999', params: { brand_id } })
      .catch((e: unknown) => e)) as { response?: { status: number; data: { code: string } } };
    expect(error.response?.status).toBe(404);
    expect(error.response?.data.code).toBe('NOT_FOUND');
  });
});

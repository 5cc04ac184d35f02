import { describe, expect, it } from 'vitest';
import { no, singleCreateBody, singleStockInput } from '../catalog/helpers.js';
import { claim } from '../issuance/helpers.js';
import { axiosPluginJourney, dataOf } from './axios-plugin-setup.js';

/** The single-coupon journey through the unmodified npm package; callbacks checked with its own primitives. */
const { live, plugin } = axiosPluginJourney();

interface Coupon {
  coupon_code: string;
  coupon_state: string;
  send_channel: string;
  stock: { stock_id: string };
  user_product_coupon_bundle_info?: unknown;
}

describe('a single coupon through wechatpay-axios-plugin', () => {
  it('creates, adds an API_ASSIGN stock, pre-sends, direct-sends; every answer and callback verifies', async () => {
    const wxpay = plugin();
    const pc = wxpay.v3.marketing.partner.productCoupon;
    await pc.notifyConfigs.post({ notify_url: live.receiver.url });
    const created = dataOf<{ product_coupon_id: string; stock: { stock_id: string } }>(
      await pc.productCoupons.post(singleCreateBody(live.c, { maxCount: 10 })),
    );
    const id = created.product_coupon_id;
    const added = dataOf<{ stock_id: string }>(
      await pc.productCoupons._product_coupon_id_.stocks.post(
        {
          out_request_no: no('ADD'),
          brand_id: live.c.merchant.brandId,
          stock: singleStockInput(live.c, { codeMode: 'API_ASSIGN' }),
        },
        { product_coupon_id: id },
      ),
    );
    const body = (stock_id: string, send_request_no: string, extra = {}) => ({
      brand_id: live.c.merchant.brandId,
      product_coupon_id: id,
      stock_id,
      appid: live.c.merchant.appid,
      send_request_no,
      ...extra,
    });
    const openid = 'oh-394z-6CGkNoJrsDLTTUKiAnp4';

    const { token } = dataOf<{ token: string }>(
      await pc.users._openid_.preSendCoupon.post(body(created.stock.stock_id, no('PRE')), { openid }),
    );
    const received = await claim(live.c, token);
    expect(received.result).toBe('RECEIVED');

    const number = no('SEND');
    const code = no('CODE');
    const sent = dataOf<Coupon>(
      await wxpay
        .chain('v3/marketing/partner/product-coupon/users/{openid}/coupons')
        .post(body(added.stock_id, number, { coupon_code: code }), { openid }),
    );
    expect(sent).toMatchObject({ coupon_code: code, coupon_state: 'CONFIRMING', send_channel: 'API' });
    expect(sent.stock.stock_id).toBe(added.stock_id);
    expect(sent.user_product_coupon_bundle_info).toBeUndefined();
    const replay = await wxpay['v3/marketing/partner/product-coupon/users/{openid}/coupons'].post(
      body(added.stock_id, number, { coupon_code: code }),
      { openid },
    );
    expect(replay.data).toEqual(sent);
    const conflict = (await pc.users._openid_.coupons
      .post(body(added.stock_id, number, { coupon_code: no('OTHER') }), { openid })
      .catch((e: unknown) => e)) as { response?: { status: number; data: { code: string } } };
    expect(conflict.response?.status).toBe(400);
    expect(conflict.response?.data.code).toBe('ALREADY_EXISTS');

    const callbacks = await live.receiver.waitFor(2);
    expect(callbacks.map((cb) => cb.error)).toEqual([undefined, undefined]);
    const byChannel = Object.fromEntries(callbacks.map((cb) => [cb.resource!.send_channel, cb.resource!]));
    expect(byChannel.RECEIVE_COMPONENT).toMatchObject({
      coupon_code: received.coupon_code,
      stock_id: created.stock.stock_id,
    });
    expect(byChannel.API).toMatchObject({ coupon_code: code, stock_id: added.stock_id, send_request_no: number });
    expect(byChannel.API?.user_coupon_bundle_id).toBeUndefined();
  });
});

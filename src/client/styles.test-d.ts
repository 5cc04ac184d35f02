import { describe, expectTypeOf, it } from 'vitest';
import type { WechatpayClient, WechatpayResponse } from './index.js';

declare const client: WechatpayClient;
const NOTIFY = 'v3/marketing/partner/product-coupon/notify-configs';

describe('typed calls from the schema registry', () => {
  it('types json and data in all three styles', () => {
    const json = { notify_url: 'https://example.com/notify' };
    expectTypeOf(client.v3.marketing.partner.productCoupon.notifyConfigs.post({ json })).toEqualTypeOf<
      Promise<WechatpayResponse<{ notify_url: string; update_time: string }>>
    >();
    expectTypeOf(client.chain(NOTIFY).post({ json })).toEqualTypeOf(
      client.v3.marketing.partner.productCoupon.notifyConfigs.post({ json }),
    );
    expectTypeOf(client[NOTIFY].get()).toEqualTypeOf(client.chain(`/${NOTIFY}`).get());
  });

  it('rejects a misspelled body field in every style', () => {
    // @ts-expect-error notifyUrl is not a field of the body
    client.v3.marketing.partner.productCoupon.notifyConfigs.post({ json: { notifyUrl: 'https://example.com' } });
    // @ts-expect-error notifyUrl is not a field of the body
    client.chain(NOTIFY).post({ json: { notify_url: 'https://example.com', notifyUrl: 'x' } });
    // @ts-expect-error json is required
    client[NOTIFY].post({});
  });

  it('falls back to unknown for paths the registry does not have', async () => {
    const res = await client.v3.pay.transactions.id._transaction_id_.get({
      transaction_id: '42',
      params: { mchid: '1' },
    });
    expectTypeOf(res.data).toEqualTypeOf<unknown>();
    expectTypeOf(client.chain('v3/certificates').get).toEqualTypeOf(client['v3/certificates'].get);
  });
});

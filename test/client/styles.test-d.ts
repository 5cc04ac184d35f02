import type { Endpoints, WechatpayClient, WechatpayResponse } from '@coupond/client';
import { describe, expectTypeOf, it } from 'vitest';

declare const client: WechatpayClient;

const PREFIX = 'v3/marketing/partner/product-coupon';
const NOTIFY = `${PREFIX}/notify-configs` as const;
const PRE_SEND = `${PREFIX}/users/{openid}/pre-send-coupon-bundle` as const;
const openid = 'oh-394z-6CGkNoJrsDLTTUKiAnp4';
const json = {
  brand_id: '120344',
  product_coupon_id: '1000000013',
  stock_bundle_id: '100232301',
  appid: 'wx233544546545989',
  send_request_no: '34657_20250101_123456',
};
const chained = client.v3.marketing.partner.productCoupon.users._openid_.preSendCouponBundle;
const declarative = client.chain(PRE_SEND);
const property = client[PRE_SEND];

describe('typed calls from the schema registry', () => {
  it('types json, path parameters and data in all three styles', () => {
    type Token = Promise<WechatpayResponse<{ token: string }>>;
    expectTypeOf(chained.post({ openid, json })).toEqualTypeOf<Token>();
    expectTypeOf(declarative.post({ openid, json })).toEqualTypeOf<Token>();
    expectTypeOf(property.post({ openid, json: { ...json, attach: 'a' } })).toEqualTypeOf<Token>();
    expectTypeOf(client.chain(`/${PRE_SEND}`).post).toEqualTypeOf(chained.post);
  });

  it('types the single-coupon send and pre-send, whose coupon answers no bundle info', () => {
    const { stock_bundle_id: _, ...rest } = json;
    const body = { ...rest, stock_id: '1000000013001', coupon_code: 'Code_123456' };
    const users = client.v3.marketing.partner.productCoupon.users._openid_;
    type Coupon = Endpoints['sendCoupon']['response'];
    expectTypeOf(users.coupons.post({ openid, json: body })).toEqualTypeOf<Promise<WechatpayResponse<Coupon>>>();
    expectTypeOf(client[`${PREFIX}/users/{openid}/coupons`].post).toEqualTypeOf(users.coupons.post);
    expectTypeOf(users.preSendCoupon.post({ openid, json: body })).toEqualTypeOf<
      Promise<WechatpayResponse<{ token: string }>>
    >();
    // @ts-expect-error a single coupon names a stock, not a bundle
    users.coupons.post({ openid, json: { ...body, stock_bundle_id: '100232301' } });
  });

  it('takes a media file, not json, for the image upload', () => {
    type Url = Promise<WechatpayResponse<{ image_url: string }>>;
    const media = { filename: 'logo.png', data: new Uint8Array(8) };
    const upload = client.v3.marketing.partner.productCoupon.media.uploadImage;
    expectTypeOf(upload.post({ media })).toEqualTypeOf<Url>();
    expectTypeOf(client[`${PREFIX}/media/upload-image`].post({ media })).toEqualTypeOf<Url>();
    // @ts-expect-error the meta is written by the SDK, not given as json
    upload.post({ json: { filename: 'logo.png', sha256: 'x' } });
  });

  it('rejects a misspelled body field in every style', () => {
    // @ts-expect-error attatch is not a field of the body
    chained.post({ openid, json: { ...json, attatch: 'x' } });
    // @ts-expect-error attatch is not a field of the body
    declarative.post({ openid, json: { ...json, attatch: 'x' } });
    // @ts-expect-error attatch is not a field of the body
    property.post({ openid, json: { ...json, attatch: 'x' } });
    // @ts-expect-error notifyUrl is not a field of the body
    client.v3.marketing.partner.productCoupon.notifyConfigs.post({ json: { notifyUrl: 'https://example.com' } });
  });

  it('rejects missing fields, wrong types and misspelled path parameters', () => {
    const { appid: _, ...withoutAppid } = json;
    // @ts-expect-error appid is required
    property.post({ openid, json: withoutAppid });
    // @ts-expect-error brand_id is a string
    property.post({ openid, json: { ...json, brand_id: 120344 } });
    // @ts-expect-error the path parameter is openid
    property.post({ openId: openid, json });
    // @ts-expect-error json is required
    client[NOTIFY].post({});
  });

  it('types params (the query) and response data', async () => {
    const node = client.v3.marketing.partner.productCoupon.productCoupons._product_coupon_id_;
    const res = await node.get({ product_coupon_id: '1000000013', params: { brand_id: '120344' } });
    expectTypeOf(res.data.product_coupon_id).toEqualTypeOf<string>();
    // @ts-expect-error brand_id is required in params
    node.get({ product_coupon_id: '1000000013' });
    // @ts-expect-error brandId is not a query parameter
    node.get({ product_coupon_id: '1000000013', params: { brandId: '120344' } });
    const stocks = client.chain(`${PREFIX}/product-coupons/{product_coupon_id}/stocks`);
    const page = await stocks.get({ product_coupon_id: '1', params: { brand_id: '120344', page_size: 10 } });
    expectTypeOf(page.data.next_page_token).toEqualTypeOf<string | undefined>();
    // @ts-expect-error page_size is a number
    stocks.get({ product_coupon_id: '1', params: { brand_id: '120344', page_size: '10' } });
    const notify = await client[NOTIFY].get();
    expectTypeOf(notify.data).toEqualTypeOf<{ notify_url: string; update_time: string }>();
  });

  it('types the coupon-code upload in all three styles', async () => {
    const UPLOAD = `${PREFIX}/product-coupons/{product_coupon_id}/stocks/{stock_id}/upload-coupon-codes` as const;
    const ids = { product_coupon_id: '1000000013', stock_id: '1000000013001' };
    const body = { json: { out_request_no: 'upload_34657', code_list: ['code_0000001'], brand_id: '120344' } };
    const chainedUpload =
      client.v3.marketing.partner.productCoupon.productCoupons._product_coupon_id_.stocks._stock_id_;
    const answers = [
      await chainedUpload.uploadCouponCodes.post({ ...ids, ...body }),
      await client.chain(UPLOAD).post({ ...ids, ...body }),
      await client[UPLOAD].post({ ...ids, ...body }),
    ];
    for (const { data } of answers) {
      expectTypeOf(data.total_count).toEqualTypeOf<number>();
      expectTypeOf(data.already_exist_code_list).toEqualTypeOf<string[] | undefined>();
      expectTypeOf(data.failed_code_list).toEqualTypeOf<
        { coupon_code: string; code: string; message: string }[] | undefined
      >();
    }
    // @ts-expect-error code_list is a list of strings
    client[UPLOAD].post({ ...ids, json: { ...body.json, code_list: 'code_0000001' } });
    // @ts-expect-error stock_id is a path parameter
    client[UPLOAD].post({ product_coupon_id: '1000000013', ...body });
  });

  it('types the stock deactivation in all three styles', async () => {
    const DEACTIVATE = `${PREFIX}/product-coupons/{product_coupon_id}/stocks/{stock_id}/deactivate` as const;
    const ids = { product_coupon_id: '1000000013', stock_id: '1000000013001' };
    const body = { json: { out_request_no: 'de_34657', deactivate_reason: '批次信息有误', brand_id: '120344' } };
    const stock = client.v3.marketing.partner.productCoupon.productCoupons._product_coupon_id_.stocks._stock_id_;
    const answers = [
      await stock.deactivate.post({ ...ids, ...body }),
      await client.chain(DEACTIVATE).post({ ...ids, ...body }),
      await client[DEACTIVATE].post({ ...ids, ...body }),
    ];
    for (const { data } of answers) {
      expectTypeOf(data.stock_id).toEqualTypeOf<string>();
      expectTypeOf(data.deactivate_request_no).toEqualTypeOf<string | undefined>();
    }
    // @ts-expect-error deactivate_reason is required
    client[DEACTIVATE].post({ ...ids, json: { out_request_no: 'de_34657', brand_id: '120344' } });
  });

  it('types the user coupon deactivation in all three styles', async () => {
    const DEACTIVATE = `${PREFIX}/users/{openid}/coupons/{coupon_code}/deactivate` as const;
    const json = {
      product_coupon_id: '1000000013',
      stock_id: '1000000013001',
      appid: 'wx233544546545989',
      out_request_no: 'de_34657',
      deactivate_reason: '商品已下线',
      brand_id: '120344',
    };
    const ids = { openid, coupon_code: 'Code_123456' };
    const coupon = client.v3.marketing.partner.productCoupon.users._openid_.coupons._coupon_code_;
    const answers = [
      await coupon.deactivate.post({ ...ids, json }),
      await client.chain(DEACTIVATE).post({ ...ids, json }),
      await client[DEACTIVATE].post({ ...ids, json }),
    ];
    for (const { data } of answers) expectTypeOf(data.deactivate_reason).toEqualTypeOf<string | undefined>();
    // @ts-expect-error stock_bundle_id is not a field of this body
    client[DEACTIVATE].post({ ...ids, json: { ...json, stock_bundle_id: '1' } });
  });

  it('falls back to unknown for paths the registry does not type', async () => {
    const res = await client.v3.pay.transactions.id._transaction_id_.get({
      transaction_id: '42',
      params: { mchid: '1' },
    });
    expectTypeOf(res.data).toEqualTypeOf<unknown>();
    expectTypeOf(client.chain('v3/certificates').get).toEqualTypeOf(client['v3/certificates'].get);
    const path: string = NOTIFY;
    expectTypeOf((await client.chain(path).get()).data).toEqualTypeOf<unknown>();
  });

  it('ignores a registry entry whose path was widened to string', async () => {
    interface Widened {
      readonly name: 'widened';
      readonly summary: string;
      readonly method: 'GET';
      readonly path: string;
      readonly rate: 'user';
    }
    const other = {} as WechatpayClient<Endpoints & { widened: Widened }>;
    expectTypeOf((await other[NOTIFY].get()).data).toEqualTypeOf<{ notify_url: string; update_time: string }>();
    expectTypeOf((await other.chain('v3/anything').get()).data).toEqualTypeOf<unknown>();
  });
});

describe('store association calls (批次组批量关联门店, 查询批次关联门店列表)', () => {
  const ASSOCIATE =
    `${PREFIX}/product-coupons/{product_coupon_id}/stock-bundles/{stock_bundle_id}/associate-stores` as const;
  const LISTED = `${PREFIX}/product-coupons/{product_coupon_id}/stocks/{stock_id}/associated-stores` as const;
  const ids = { product_coupon_id: '1000000013', stock_bundle_id: '1000000013001' };
  const body = { brand_id: '120344', store_list: [{ store_id: '100000001' }] };

  it('types the change and its answer in all three styles', () => {
    type Result = Promise<
      WechatpayResponse<{
        total_count: number;
        success_store_list?: { store_id: string }[];
        failed_store_list?: { store_id: string; code: string; message: string }[];
      }>
    >;
    const bundles = client.v3.marketing.partner.productCoupon.productCoupons._product_coupon_id_.stockBundles;
    expectTypeOf(bundles._stock_bundle_id_.associateStores.post({ ...ids, json: body })).toEqualTypeOf<Result>();
    expectTypeOf(client.chain(ASSOCIATE).post({ ...ids, json: body })).toEqualTypeOf<Result>();
    expectTypeOf(client[ASSOCIATE].post({ ...ids, json: body })).toEqualTypeOf<Result>();
    // @ts-expect-error store_list holds objects with store_id
    client[ASSOCIATE].post({ ...ids, json: { brand_id: '120344', store_list: ['100000001'] } });
    const stockLevel = client.chain(
      `${PREFIX}/product-coupons/{product_coupon_id}/stocks/{stock_id}/disassociate-stores`,
    );
    // @ts-expect-error the stock-level path takes stock_id
    stockLevel.post({ ...ids, json: body });
  });

  it('types the page of associated stores', async () => {
    const page = await client[LISTED].get({
      product_coupon_id: '1',
      stock_id: '2',
      params: { brand_id: '120344', page_size: 200 },
    });
    expectTypeOf(page.data.store_list).toEqualTypeOf<{ store_id: string }[] | undefined>();
    expectTypeOf(page.data.next_page_token).toEqualTypeOf<string | undefined>();
    const chained = client.v3.marketing.partner.productCoupon.productCoupons._product_coupon_id_.stocks._stock_id_;
    expectTypeOf(chained.associatedStores.get).toEqualTypeOf(client.chain(LISTED).get);
  });
});

import { pathOf } from '@coupond/client';
import { describe, expect, it } from 'vitest';
import { clientOf } from '../harness.js';
import { claim, PRESEND_SINGLE, preSendSingleToken, SEND_SINGLE, singleBody } from '../issuance/helpers.js';
import {
  addSingleStock,
  createSingleCoupon,
  deactivateStock,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  type StockT,
  singleModeSuite,
  stockIdOf,
} from './helpers.js';

/** 失效商品券批次 (D-104): the change, its replay, every documented refusal, and concurrent deactivations. */
const live = singleModeSuite();

const brand = () => live.c.merchant.brandId;
const stockOf = stockIdOf;
const readStock = async (id: string, stockId: string) =>
  json<StockT>(await live.c.send('GET', paths.stock(id, stockId, brand())));
const GONE = /传入参数不符合业务规则：批次已失效/;

describe('失效商品券批次', () => {
  it('deactivates the one stock with its number, time and reason, and replays a repeat', async () => {
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    const body = { out_request_no: no('DEACS'), deactivate_reason: '批次信息有误，重新创建' };
    const answer = await json<StockT>(await deactivateStock(live.c, id, stockOf(single), body));
    expect(answer).toEqual({
      ...single.stock,
      state: 'DEACTIVATED',
      deactivate_request_no: body.out_request_no,
      deactivate_time: answer.deactivate_time,
      deactivate_reason: body.deactivate_reason,
    });
    expect(answer.deactivate_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(await readStock(id, stockOf(single))).toEqual(answer);
    expect(await json(await deactivateStock(live.c, id, stockOf(single), body))).toEqual(answer);
    await expectError(
      await deactivateStock(live.c, id, stockOf(single), { ...body, deactivate_reason: '另一个原因' }),
      400,
      'ALREADY_EXISTS',
    );
  });

  it('leaves the product coupon and its other stocks as they are', async () => {
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    const other = await addSingleStock(live.c, id);
    await json(await deactivateStock(live.c, id, other.stock_id));
    expect(await readStock(id, stockOf(single))).toEqual(single.stock);
    const coupon = await json<{ state: string }>(await live.c.send('GET', paths.coupon(id, brand())));
    expect(coupon.state).toBe('EFFECTIVE');
    const third = await addSingleStock(live.c, id);
    expect(third.state).toBe('SENDING');
  });

  it('of concurrent deactivations with different numbers exactly one wins, and the others record nothing', async () => {
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    const numbers = Array.from({ length: 8 }, () => no('RACE'));
    const answers = await Promise.all(
      numbers.map((out_request_no) => deactivateStock(live.c, id, stockOf(single), { out_request_no })),
    );
    const won = answers.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    for (const r of answers.filter((a) => a.status !== 200)) await expectError(r, 400, 'INVALID_REQUEST', GONE);
    const winner = await json<StockT>(won[0]!);
    expect(await readStock(id, stockOf(single))).toEqual(winner);
    for (const requestNo of numbers.filter((n) => n !== winner.deactivate_request_no))
      expect(
        await live.c.store.getRequestRecord({
          mchid: live.c.merchant.mchid,
          brandId: brand(),
          api: 'deactivateStock',
          requestNo,
        }),
      ).toBeNull();
  });
});

describe('a deactivated stock issues nothing (D-104)', () => {
  it('refuses send and pre-send, claims a token minted before as NOT_AVAILABLE, and keeps the coupons it issued', async () => {
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    const s = { productCouponId: id, stockId: stockOf(single) };
    const sent = await json<{ coupon_code: string }>(
      await live.c.send('POST', SEND_SINGLE('o-before'), singleBody(live.c, s, no())),
    );
    const token = await preSendSingleToken(live.c, s, 'o-token', no('PRE'));
    await json(await deactivateStock(live.c, id, s.stockId));

    for (const path of [SEND_SINGLE('o-after'), PRESEND_SINGLE('o-after')])
      await expectError(
        await live.c.send('POST', path, singleBody(live.c, s, no())),
        400,
        'INVALID_REQUEST',
        /^传入参数不符合业务规则/,
      );
    expect(await claim(live.c, token)).toEqual({ result: 'NOT_AVAILABLE' });
    const stock = await readStock(id, s.stockId);
    expect(stock.sent_count_info.total_count).toBe(1);
    const ref = { product_coupon_id: id, stock_id: s.stockId, appid: live.c.merchant.appid, brand_id: brand() };
    const held = await live.c.send(
      'GET',
      pathOf(
        'v3/marketing/partner/product-coupon/users/{openid}/coupons/{coupon_code}',
        { openid: 'o-before', coupon_code: sent.coupon_code },
        ref,
      ),
    );
    expect(await json(held)).toMatchObject({ coupon_code: sent.coupon_code, coupon_state: 'CONFIRMING' });
  });

  it('racing sends: every coupon answered 200 was issued before the deactivation, and none after it', async () => {
    const single = await createSingleCoupon(live.c, { maxCount: 100, maxCountPerUser: 100 });
    const id = single.product_coupon_id;
    const s = { productCouponId: id, stockId: stockOf(single) };
    const sends = Array.from({ length: 12 }, (_, i) =>
      live.c.send('POST', SEND_SINGLE(`o-race-${i}`), singleBody(live.c, s, no('RACE'))),
    );
    const [deactivated, ...answers] = await Promise.all([deactivateStock(live.c, id, s.stockId), ...sends]);
    expect(deactivated.status).toBe(200);
    const issued = answers.filter((r) => r.status === 200).length;
    for (const r of answers.filter((a) => a.status !== 200)) await expectError(r, 400, 'INVALID_REQUEST');
    expect((await readStock(id, s.stockId)).sent_count_info.total_count).toBe(issued);
    await expectError(
      await live.c.send('POST', SEND_SINGLE('o-late'), singleBody(live.c, s, no())),
      400,
      'INVALID_REQUEST',
    );
  });
});

describe('失效商品券批次 through coupond/client', () => {
  it('answers the same Stock in all three call styles', async () => {
    const P = 'v3/marketing/partner/product-coupon/product-coupons/{product_coupon_id}/stocks/{stock_id}/deactivate';
    const client = clientOf(live.c);
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    const stocks = [
      stockOf(single),
      (await addSingleStock(live.c, id)).stock_id,
      (await addSingleStock(live.c, id)).stock_id,
    ];
    const call = (stock_id: string) => ({
      product_coupon_id: id,
      stock_id,
      json: { out_request_no: no('SDK'), deactivate_reason: '下线', brand_id: brand() },
    });
    const node = client.v3.marketing.partner.productCoupon.productCoupons._product_coupon_id_.stocks._stock_id_;
    const answers = [
      await node.deactivate.post(call(stocks[0]!)),
      await client.chain(P).post(call(stocks[1]!)),
      await client[P].post(call(stocks[2]!)),
    ];
    for (const [i, { status, data }] of answers.entries()) {
      expect(status).toBe(200);
      expect(data).toMatchObject({ stock_id: stocks[i], state: 'DEACTIVATED', deactivate_reason: '下线' });
    }
  });
});

describe('失效商品券批次: refusals', () => {
  it('403 NO_AUTH for a brand that has not authorized the caller', async () => {
    const single = await createSingleCoupon(live.c);
    await live.c.store.insertBrand({
      brandId: 'B-DEACS',
      name: 'x',
      secret: 'x',
      createdAt: '2025-01-01T00:00:00+08:00',
    });
    await expectError(
      await deactivateStock(live.c, single.product_coupon_id, stockOf(single), { brand_id: 'B-DEACS' }),
      403,
      'NO_AUTH',
      '服务商没有此接口权限',
    );
  });

  it('404 NOT_FOUND for an unknown product coupon, an unknown stock, a stock of another product coupon', async () => {
    const single = await createSingleCoupon(live.c);
    const other = await createSingleCoupon(live.c);
    await expectError(
      await deactivateStock(live.c, '1999999999', stockOf(single)),
      404,
      'NOT_FOUND',
      '未找到 product_coupon_id 对应的商品券',
    );
    for (const stockId of ['1999999999001', stockOf(other)])
      await expectError(
        await deactivateStock(live.c, single.product_coupon_id, stockId),
        404,
        'NOT_FOUND',
        '未找到 stock_id 对应的商品券批次',
      );
  });

  it('400 INVALID_REQUEST for a stock of a bundle, which stays SENDING', async () => {
    const stock = live.bundle.stock_bundle!.stock_list[0]!;
    await expectError(
      await deactivateStock(live.c, live.bundle.product_coupon_id, stock.stock_id),
      400,
      'INVALID_REQUEST',
      '传入参数不符合业务规则：多次优惠批次组内的批次不可使用本接口',
    );
    expect((await readStock(live.bundle.product_coupon_id, stock.stock_id)).state).toBe('SENDING');
  });

  it('400 PARAM_ERROR for a missing or over-long reason and a malformed request number', async () => {
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    await expectParamError(
      await live.c.send('POST', paths.stockDeactivate(id, stockOf(single)), {
        out_request_no: no(),
        brand_id: brand(),
      }),
      '/deactivate_reason',
    );
    await expectParamError(
      await deactivateStock(live.c, id, stockOf(single), { deactivate_reason: '因'.repeat(151) }),
      '/deactivate_reason',
    );
    await expectParamError(
      await deactivateStock(live.c, id, stockOf(single), { out_request_no: 'a!' }),
      '/out_request_no',
    );
    expect((await readStock(id, stockOf(single))).state).toBe('SENDING');
  });

  it('400 INVALID_REQUEST for a stock already deactivated, one of a deactivated product coupon, an ended one', async () => {
    const single = await createSingleCoupon(live.c);
    const id = single.product_coupon_id;
    await json(await deactivateStock(live.c, id, stockOf(single)));
    await expectError(await deactivateStock(live.c, id, stockOf(single)), 400, 'INVALID_REQUEST', GONE);

    const dead = await createSingleCoupon(live.c);
    const deactivate = { out_request_no: no('DEACT'), brand_id: brand(), deactivate_reason: '测试' };
    await json(await live.c.send('POST', paths.deactivate(dead.product_coupon_id), deactivate));
    await expectError(await deactivateStock(live.c, dead.product_coupon_id, stockOf(dead)), 400, 'INVALID_REQUEST');

    const ending = await createSingleCoupon(live.c, { endMs: live.c.clock.now().getTime() + 60_000 });
    live.c.clock.advance(120);
    await expectError(
      await deactivateStock(live.c, ending.product_coupon_id, stockOf(ending)),
      400,
      'INVALID_REQUEST',
      '批次已过期',
    );
  });
});

describe('stocks under review (D-105)', () => {
  it('neither deactivates nor modifies an AUDITING stock, and both work once the review has passed', async () => {
    live.c.clock.freeze();
    live.c.app.ctx.deps.auditDelaySeconds = 30;
    try {
      const single = await createSingleCoupon(live.c);
      const id = single.product_coupon_id;
      expect(single.stock!.state).toBe('AUDITING');
      const auditing = /传入参数不符合业务规则：批次审核中/;
      await expectError(await deactivateStock(live.c, id, stockOf(single)), 400, 'INVALID_REQUEST', auditing);
      const modify = () =>
        live.c.send('PATCH', paths.singleStock(id, stockOf(single)), { out_request_no: no('MODS'), brand_id: brand() });
      await expectError(await modify(), 400, 'INVALID_REQUEST', auditing);
      live.c.clock.advance(31);
      expect((await json<StockT>(await modify())).state).toBe('SENDING');
      expect((await json<StockT>(await deactivateStock(live.c, id, stockOf(single)))).state).toBe('DEACTIVATED');
    } finally {
      live.c.app.ctx.deps.auditDelaySeconds = 0;
      live.c.clock.reset();
    }
  });
});

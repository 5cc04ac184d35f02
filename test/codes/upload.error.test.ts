import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectParamError, paths } from '../catalog/helpers.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { countInfo, fresh, UPLOAD_PATH, upload, uploadBody } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await c.store.insertBrand({ brandId: 'B-CODES', name: 'x', secret: 'x', createdAt: '2025-01-01T00:00:00+08:00' });
});
afterAll(() => c.close());

const post = (productCouponId: string, stockId: string, body: unknown) =>
  c.send('POST', UPLOAD_PATH(productCouponId, stockId), body);

describe('预上传券Code errors', () => {
  it('400 PARAM_ERROR for the field rules: request number, an empty or over-long batch, brand_id, unknown fields', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const at = (body: unknown) => post(s.productCouponId, s.stockIds[0]!, body);
    await expectParamError(await at(uploadBody(c, ['a'], 'short')), '/out_request_no');
    await expectParamError(await at(uploadBody(c, ['a'], 'has space 1')), '/out_request_no');
    await expectParamError(await at(uploadBody(c, [])), '/code_list');
    const over = Array.from({ length: 201 }, (_, n) => `code${n}`);
    await expectParamError(await at(uploadBody(c, over)), '/code_list');
    await expectParamError(await at({ ...uploadBody(c, [1 as unknown as string]) }), '/code_list/0');
    const { brand_id: _, ...noBrand } = uploadBody(c, ['a']);
    await expectParamError(await at(noBrand), '/brand_id');
    await expectError(await at({ ...uploadBody(c, ['a']), stock_id: 'x' }), 400, 'PARAM_ERROR', /未在API文档中定义/);
    const exactly200 = Array.from({ length: 200 }, () => fresh('m'));
    expect((await upload(c, s, exactly200)).body.success_code_list).toHaveLength(200);
  });

  it('403 NO_AUTH for a brand that has not authorized the caller', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const body = { ...uploadBody(c, ['a']), brand_id: 'B-CODES' };
    await expectError(await post(s.productCouponId, s.stockIds[0]!, body), 403, 'NO_AUTH');
  });

  it('404 NOT_FOUND for an unknown product coupon, an unknown stock, or a stock of another product coupon', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const other = await seedBundle(c, { codeMode: 'UPLOAD' });
    const body = uploadBody(c, ['a']);
    await expectError(
      await post('1999999999', s.stockIds[0]!, body),
      404,
      'NOT_FOUND',
      '未找到 product_coupon_id 对应的商品券',
    );
    const stockMissing = '未找到 stock_id 对应的商品券批次';
    await expectError(await post(s.productCouponId, '1999999999001', body), 404, 'NOT_FOUND', stockMissing);
    await expectError(await post(s.productCouponId, other.stockIds[0]!, body), 404, 'NOT_FOUND', stockMissing);
  });

  it('400 INVALID_REQUEST for a stock not in UPLOAD mode', async () => {
    const s = await seedBundle(c, { codeMode: 'WECHATPAY' });
    await expectError(
      await post(s.productCouponId, s.stockIds[0]!, uploadBody(c, ['a'])),
      400,
      'INVALID_REQUEST',
      '只有 coupon_code_mode 为 UPLOAD 的批次可以预上传券Code',
    );
  });

  it('400 INVALID_REQUEST for an expired stock, and for a deactivated one', async () => {
    const ended = await seedBundle(c, { codeMode: 'UPLOAD', beginDaysFromNow: -3, endDaysFromNow: -1 });
    await expectError(
      await post(ended.productCouponId, ended.stockIds[0]!, uploadBody(c, ['a'])),
      400,
      'INVALID_REQUEST',
      '已过期的批次不可预上传券Code',
    );
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const deactivate = await c.send('POST', paths.deactivate(s.productCouponId), {
      out_request_no: fresh('DEACT'),
      deactivate_reason: '活动结束',
      brand_id: c.merchant.brandId,
    });
    expect(deactivate.status).toBe(200);
    await expectError(
      await post(s.productCouponId, s.stockIds[0]!, uploadBody(c, ['a'])),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则/,
    );
    expect(await countInfo(c, s)).toEqual({ total_count: 0, available_count: 0 });
  });

  it('400 ALREADY_EXISTS for a request number reused with other codes; a refused request binds nothing', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const no = fresh('UPNO');
    const wechatpay = await seedBundle(c, { codeMode: 'WECHATPAY' });
    await expectError(
      await post(wechatpay.productCouponId, wechatpay.stockIds[0]!, uploadBody(c, ['a'], no)),
      400,
      'INVALID_REQUEST',
    );
    expect((await upload(c, s, [fresh('x')], 0, no)).status).toBe(200);
    await expectError(
      await post(s.productCouponId, s.stockIds[0]!, uploadBody(c, [fresh('y')], no)),
      400,
      'ALREADY_EXISTS',
      /out_request_no 冲突/,
    );
    expect(await countInfo(c, s)).toEqual({ total_count: 1, available_count: 1 });
  });
});

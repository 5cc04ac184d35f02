import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectParamError } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { jpegBytes, pngOf, uploaded } from './helpers.js';
import { combineBody, cutOutBody, TASKS_PATH, taskId, taskPath } from './tasks.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
  await c.store.insertBrand({ brandId: 'B-IMAGES', name: 'x', secret: 'x', createdAt: '2025-01-01T00:00:00+08:00' });
});
afterAll(() => c.close());

const post = (body: unknown) => c.send('POST', TASKS_PATH, body);
const without = <T extends object>(body: T, key: keyof T) =>
  Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

describe('提交图片生成任务 errors (D-92)', () => {
  it('400 PARAM_ERROR for the field rules: task_id, the type, amounts, the colour, unknown fields', async () => {
    await expectParamError(await post(combineBody(c, 'short')), '/task_id');
    await expectParamError(await post(combineBody(c, 'has space 1')), '/task_id');
    await expectParamError(await post(combineBody(c, `T${'x'.repeat(40)}`)), '/task_id');
    await expectParamError(await post(without(combineBody(c), 'brand_id')), '/brand_id');
    await expectParamError(await post({ ...combineBody(c), image_generation_type: 'DRAW' }), '/image_generation_type');
    await expectParamError(await post(combineBody(c, taskId(), { scope: 'SOME' })), '/combine_image/scope');
    await expectParamError(
      await post(combineBody(c, taskId(), { usage_mode: undefined })),
      '/combine_image/usage_mode',
    );
    await expectParamError(
      await post(combineBody(c, taskId(), { normal_coupon: { threshold: -1, discount_amount: 1 } })),
      '/combine_image/normal_coupon/threshold',
    );
    await expectParamError(
      await post(combineBody(c, taskId(), { normal_coupon: { threshold: 0, discount_amount: 0 } })),
      '/combine_image/normal_coupon/discount_amount',
    );
    for (const colour of ['FF5733', '#FF573', '#GG5733', 'red'])
      await expectParamError(
        await post(combineBody(c, taskId(), { background_color: colour })),
        '/combine_image/background_color',
      );
    await expectError(await post({ ...combineBody(c), extra: 1 }), 400, 'PARAM_ERROR', /未在API文档中定义/);
    await expectError(await post(combineBody(c, taskId(), { logo: 'x' })), 400, 'PARAM_ERROR', /未在API文档中定义/);
    await expectParamError(await post(cutOutBody(c, 'not a url')), '/cut_out/image_url');
  });

  it('400 PARAM_ERROR when the data object does not match image_generation_type', async () => {
    const combine = combineBody(c);
    await expectParamError(await post(without(combine, 'combine_image')), '/combine_image');
    const cut = cutOutBody(c, `${c.baseURL}media/images/${'a'.repeat(64)}.png`);
    await expectParamError(await post(without(cut, 'cut_out')), '/cut_out');
    await expectParamError(await post({ ...combine, cut_out: cut.cut_out }), '/cut_out');
    await expectParamError(await post({ ...cut, combine_image: combine.combine_image }), '/combine_image');
  });

  it('400 PARAM_ERROR unless exactly the rule object of the coupon type is given', async () => {
    const discount = { threshold: 0, percent_off: 30 };
    await expectParamError(
      await post(combineBody(c, taskId(), { normal_coupon: undefined })),
      '/combine_image/normal_coupon',
    );
    await expectParamError(
      await post(combineBody(c, taskId(), { discount_coupon: discount })),
      '/combine_image/discount_coupon',
    );
    await expectParamError(
      await post(combineBody(c, taskId(), { type: 'DISCOUNT', discount_coupon: discount })),
      '/combine_image/normal_coupon',
    );
    await expectParamError(
      await post(combineBody(c, taskId(), { type: 'EXCHANGE', scope: 'SINGLE', normal_coupon: undefined })),
      '/combine_image/exchange_coupon',
    );
  });

  it('400 INVALID_REQUEST for EXCHANGE with scope ALL, and for PROGRESSIVE_BUNDLE', async () => {
    const exchange = { normal_coupon: undefined, exchange_coupon: { threshold: 0, exchange_price: 100 } };
    const body = await expectError(
      await post(combineBody(c, taskId(), { type: 'EXCHANGE', ...exchange })),
      400,
      'INVALID_REQUEST',
      '传入参数不符合业务规则：combine_image.type 为 EXCHANGE 时 scope 必须为 SINGLE',
    );
    expect(body.detail).toMatchObject({ field: '/combine_image/type', location: 'body' });
    await expectError(
      await post(combineBody(c, taskId(), { usage_mode: 'PROGRESSIVE_BUNDLE' })),
      400,
      'INVALID_REQUEST',
      /传入参数不符合业务规则：combine_image\.usage_mode 当前仅支持 SINGLE/,
    );
  });

  it('400 PARAM_ERROR for a CUT_OUT image coupond does not store, in the sandbox too', async () => {
    await expectParamError(
      await post(cutOutBody(c, 'https://wxpaylogo.qpic.cn/wxpaylogo/example.jpg')),
      '/cut_out/image_url',
    );
    await expectParamError(
      await post(cutOutBody(c, `${c.baseURL}component/assets/demo/product.svg`)),
      '/cut_out/image_url',
    );
    const missing = `${c.baseURL}media/images/${'f'.repeat(64)}.png`;
    await expectError(await post(cutOutBody(c, missing)), 400, 'PARAM_ERROR', /图片URL对应的图片不存在/);
  });

  it('403 NO_AUTH for a brand that has not authorized the caller, after the field rules', async () => {
    await expectError(await post({ ...combineBody(c), brand_id: 'B-IMAGES' }), 403, 'NO_AUTH');
    await expectError(await post({ ...combineBody(c), brand_id: 'B-UNKNOWN' }), 403, 'NO_AUTH');
    await expectParamError(await post({ ...combineBody(c, 'short'), brand_id: 'B-IMAGES' }), '/task_id');
  });

  it('400 ALREADY_EXISTS for a task_id reused with another body; a failed request binds nothing', async () => {
    const id = taskId();
    await expectError(await post({ ...combineBody(c, id), brand_id: 'B-IMAGES' }), 403, 'NO_AUTH');
    expect((await post(combineBody(c, id))).status).toBe(200);
    await expectError(
      await post(combineBody(c, id, { background_color: '#000000' })),
      400,
      'ALREADY_EXISTS',
      'task_id 冲突：与首次请求的参数不一致',
    );
    const cut = cutOutBody(c, await uploaded(c, pngOf(5, 5)), id);
    await expectError(await post(cut), 400, 'ALREADY_EXISTS');
  });

  it('keeps task ids per brand: the same id under another brand is another task', async () => {
    const at = '2025-01-01T00:00:00+08:00';
    await c.store.insertBrand({ brandId: 'B-IMAGES-2', name: 'y', secret: 'y', createdAt: at });
    await c.store.authorizeBrand('B-IMAGES-2', c.merchant.mchid, at);
    const id = taskId();
    expect((await post(combineBody(c, id))).status).toBe(200);
    const other = { ...combineBody(c, id, { background_color: '#123456' }), brand_id: 'B-IMAGES-2' };
    expect(await (await post(other)).json()).toEqual({ task_id: id, brand_id: 'B-IMAGES-2' });
    expect(await (await c.send('GET', taskPath(id, 'B-IMAGES-2'))).json()).toMatchObject({ brand_id: 'B-IMAGES-2' });
  });
});

describe('查询图片生成任务执行结果 errors (D-92)', () => {
  it('400 PARAM_ERROR for a malformed task_id, a missing or unknown type, a missing brand_id', async () => {
    const id = taskId();
    expect((await post(combineBody(c, id))).status).toBe(200);
    await expectParamError(await c.send('GET', taskPath('short', c.merchant.brandId)), '/task_id', 'uri_template');
    await expectParamError(
      await c.send('GET', taskPath(id, c.merchant.brandId, 'DRAW')),
      '/image_generation_type',
      'query',
    );
    await expectParamError(
      await c.send('GET', `${TASKS_PATH}/${id}?brand_id=${c.merchant.brandId}`),
      '/image_generation_type',
      'query',
    );
    await expectParamError(
      await c.send('GET', `${TASKS_PATH}/${id}?image_generation_type=COMBINE_IMAGE`),
      '/brand_id',
      'query',
    );
  });

  it('403 NO_AUTH for a brand that has not authorized the caller', async () => {
    await expectError(await c.send('GET', taskPath(taskId(), 'B-IMAGES')), 403, 'NO_AUTH');
  });

  it('404 NOT_FOUND for an unknown task, or one of another brand or merchant (D-2)', async () => {
    await expectError(
      await c.send('GET', taskPath(taskId(), c.merchant.brandId)),
      404,
      'NOT_FOUND',
      '未找到 task_id 对应的图片生成任务',
    );
    const id = taskId();
    await c.store.createImageTask(
      {
        mchid: '1900000999',
        brandId: c.merchant.brandId,
        api: 'createImageGenerationTask',
        requestNo: id,
        fingerprint: '{}',
        status: 200,
        response: '{}',
        createdAt: '2025-01-01T00:00:00+08:00',
      },
      {
        mchid: '1900000999',
        brandId: c.merchant.brandId,
        taskId: id,
        type: 'COMBINE_IMAGE',
        request: combineBody(c, id) as never,
        origin: 'http://x',
        state: 'PROCESSING',
        imageId: null,
        failReason: null,
        createdAt: '2025-01-01T00:00:00+08:00',
        dueAt: '2999-01-01T00:00:00+08:00',
        completedAt: null,
      },
    );
    await expectError(await c.send('GET', taskPath(id, c.merchant.brandId)), 404, 'NOT_FOUND');
  });

  it('400 INVALID_REQUEST when image_generation_type is not the one the task was submitted with', async () => {
    const id = taskId();
    expect((await post(combineBody(c, id))).status).toBe(200);
    const body = await expectError(
      await c.send('GET', taskPath(id, c.merchant.brandId, 'CUT_OUT')),
      400,
      'INVALID_REQUEST',
      /image_generation_type 与提交图片生成任务时所传的类型不一致/,
    );
    expect(body.detail).toMatchObject({ field: '/image_generation_type', location: 'query' });
  });
});

describe('CUT_OUT on an image it cannot cut (D-94)', () => {
  it('ends FAIL for a photo that does not decode', async () => {
    const body = cutOutBody(c, await uploaded(c, jpegBytes(), 'broken.jpg'));
    expect((await post(body)).status).toBe(200);
    c.clock.advance(5);
    await c.app.jobs.images.run();
    const res = await c.send('GET', taskPath(body.task_id, c.merchant.brandId, 'CUT_OUT'));
    expect(await res.json()).toMatchObject({ task_state: 'FAIL' });
  });
});

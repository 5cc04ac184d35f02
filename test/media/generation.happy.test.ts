import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedBody } from '../api/verify-response.js';
import { clientOf, type Running, startCoupond } from '../harness.js';
import { admin } from '../lifecycle/helpers.js';
import { uploaded } from './helpers.js';
import { combineBody, cutOutBody, ended, fetchPng, pixel, queryTask, TASKS_PATH, taskId } from './tasks.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

/** A product photo: a dark square on a white background. */
function productPhoto(): Buffer {
  const png = new PNG({ width: 120, height: 90 });
  for (let y = 0; y < 90; y++)
    for (let x = 0; x < 120; x++) {
      const inside = x >= 40 && x < 80 && y >= 25 && y < 65;
      png.data.set(inside ? [30, 60, 200, 255] : [255, 255, 255, 255], (y * 120 + x) * 4);
    }
  return PNG.sync.write(png);
}

describe('图片生成 (D-92 … D-94)', () => {
  it('renders a COMBINE_IMAGE task when the test clock reaches its due time', async () => {
    await admin(c, 'POST', 'sandbox/v1/clock/freeze');
    const body = combineBody(c);
    const res = await c.send('POST', TASKS_PATH, body);
    expect(res.status).toBe(200);
    expect(JSON.parse(await verifiedBody(res, c.platform.publicKey))).toEqual({
      task_id: body.task_id,
      brand_id: c.merchant.brandId,
    });
    await c.app.jobs.images.run();
    expect(await queryTask(c, body.task_id)).toEqual({
      brand_id: c.merchant.brandId,
      task_id: body.task_id,
      image_generation_type: 'COMBINE_IMAGE',
      task_state: 'PROCESSING',
    });

    await admin(c, 'POST', 'sandbox/v1/clock/advance', { seconds: 5 });
    const task = await queryTask(c, body.task_id);
    expect(task).toMatchObject({ task_state: 'SUCCESS' });
    expect(task.cut_out_result).toBeUndefined();
    const url = task.combine_image_result!.image_url;
    expect(url).toMatch(new RegExp(`^${c.baseURL}media/images/[0-9a-f]{64}\\.png$`));
    const { png, bytes, type } = await fetchPng(url);
    expect(type).toBe('image/png');
    expect([png.width, png.height]).toEqual([800, 400]);
    expect(bytes).toBeGreaterThan(5_000);
    expect(bytes).toBeLessThan(200_000);
    expect(pixel(png, 4, 4)).toEqual([0xff, 0x57, 0x33, 255]);
    // The offer text is drawn in white over the colour, so the image is not one flat colour.
    const light = Array.from(
      { length: png.width * png.height },
      (_, i) => png.data[i * 4]! > 240 && png.data[i * 4 + 1]! > 240,
    );
    expect(light.filter(Boolean).length).toBeGreaterThan(2_000);
    await admin(c, 'POST', 'sandbox/v1/clock/reset');
  });

  it('renders the same request to the same image, and create accepts its URL', async () => {
    const first = combineBody(c);
    const second = { ...combineBody(c), task_id: taskId() };
    for (const body of [first, second]) expect((await c.send('POST', TASKS_PATH, body)).status).toBe(200);
    await c.clock.advance(5);
    await c.app.jobs.images.run();
    const [a, b] = [await ended(c, first.task_id), await ended(c, second.task_id)];
    expect(a.combine_image_result!.image_url).toBe(b.combine_image_result!.image_url);
    expect((await c.store.storedImageIds([a.combine_image_result!.image_url.slice(-68, -4)])).length).toBe(1);
  });

  it('draws each coupon type: discount, exchange, and a light colour in dark ink', async () => {
    const bodies = [
      combineBody(c, taskId(), {
        type: 'DISCOUNT',
        normal_coupon: undefined,
        discount_coupon: { threshold: 0, percent_off: 15 },
      }),
      combineBody(c, taskId(), {
        scope: 'SINGLE',
        type: 'EXCHANGE',
        normal_coupon: undefined,
        exchange_coupon: { threshold: 0, exchange_price: 1990 },
        background_color: '#FFF3C4',
      }),
      {
        ...combineBody(c),
        combine_image: {
          scope: 'ALL',
          type: 'NORMAL',
          usage_mode: 'SINGLE',
          normal_coupon: { threshold: 0, discount_amount: 1 },
        },
      },
    ];
    for (const body of bodies)
      expect((await c.send('POST', TASKS_PATH, JSON.parse(JSON.stringify(body)))).status).toBe(200);
    c.clock.advance(5);
    const urls = new Set<string>();
    for (const body of bodies) {
      const task = await ended(c, body.task_id);
      expect(task.task_state).toBe('SUCCESS');
      urls.add(task.combine_image_result!.image_url);
    }
    expect(urls.size).toBe(3);
    const exchange = (await fetchPng([...urls][1]!)).png;
    expect(pixel(exchange, 4, 4)).toEqual([0xff, 0xf3, 0xc4, 255]);
    const dark = Array.from({ length: exchange.width * exchange.height }, (_, i) => exchange.data[i * 4]! < 60);
    expect(dark.filter(Boolean).length).toBeGreaterThan(2_000);
    const plain = (await fetchPng([...urls][2]!)).png;
    expect(pixel(plain, 4, 4)).toEqual([0x07, 0xc1, 0x60, 255]);
  });

  it('cuts a product out of its background: the border becomes transparent, the product stays', async () => {
    const source = await uploaded(c, productPhoto(), 'product.png');
    const body = cutOutBody(c, source);
    expect((await c.send('POST', TASKS_PATH, body)).status).toBe(200);
    c.clock.advance(5);
    const task = await ended(c, body.task_id, 'CUT_OUT');
    expect(task).toMatchObject({ task_state: 'SUCCESS', image_generation_type: 'CUT_OUT' });
    expect(task.combine_image_result).toBeUndefined();
    const { png } = await fetchPng(task.cut_out_result!.image_url);
    expect([png.width, png.height]).toEqual([120, 90]);
    expect(pixel(png, 2, 2)[3]).toBe(0);
    expect(pixel(png, 119, 89)[3]).toBe(0);
    expect(pixel(png, 60, 45)).toEqual([30, 60, 200, 255]);
  });

  it('fails a CUT_OUT task whose photo is one flat colour: no product to keep', async () => {
    const source = await uploaded(
      c,
      PNG.sync.write(Object.assign(new PNG({ width: 10, height: 10 }), {})),
      'empty.png',
    );
    const body = cutOutBody(c, source);
    expect((await c.send('POST', TASKS_PATH, body)).status).toBe(200);
    c.clock.advance(5);
    const task = await ended(c, body.task_id, 'CUT_OUT');
    expect(task).toEqual({
      brand_id: c.merchant.brandId,
      task_id: body.task_id,
      image_generation_type: 'CUT_OUT',
      task_state: 'FAIL',
    });
  });

  it('replays the first answer for the same task_id and body, before and after the task ended', async () => {
    const body = combineBody(c);
    const first = await (await c.send('POST', TASKS_PATH, body)).json();
    expect(await (await c.send('POST', TASKS_PATH, body)).json()).toEqual(first);
    c.clock.advance(5);
    await ended(c, body.task_id);
    const again = await c.send('POST', TASKS_PATH, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
  });

  it('answers through coupond/client in all three call styles', async () => {
    const client = clientOf(c);
    const json = {
      brand_id: c.merchant.brandId,
      task_id: taskId('SDK'),
      image_generation_type: 'COMBINE_IMAGE' as const,
      combine_image: {
        scope: 'ALL' as const,
        type: 'DISCOUNT' as const,
        usage_mode: 'SINGLE' as const,
        discount_coupon: { threshold: 5000, percent_off: 20 },
      },
    };
    const created = await client.v3.marketing.partner.productCoupon.imageGenerationTasks.post({ json });
    expect(created.data).toEqual({ task_id: json.task_id, brand_id: json.brand_id });
    const params = { brand_id: json.brand_id, image_generation_type: 'COMBINE_IMAGE' } as const;
    const task_id = json.task_id;
    const P = 'v3/marketing/partner/product-coupon/image-generation-tasks/{task_id}' as const;
    const chained = await client.v3.marketing.partner.productCoupon.imageGenerationTasks._task_id_.get({
      task_id,
      params,
    });
    const declared = await client.chain(P).get({ task_id, params });
    const property = await client[P].get({ task_id, params });
    for (const answer of [chained, declared, property])
      expect(answer.data).toMatchObject({ task_id, image_generation_type: 'COMBINE_IMAGE' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, expectParamError, json, no, paths, setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { pngOf, uploaded } from './helpers.js';

/** D-91: outside the sandbox, image fields take only images coupond serves; the sandbox takes any http(s) URL. */
let prod: Running;
beforeAll(async () => {
  prod = await startCoupond({ sandbox: false });
  await setNotifyUrl(prod);
});
afterAll(() => prod.close());

const withImages = (c: Running, image_url: string, background_url: string) => {
  const body = createBody(c);
  return { ...body, display_info: { ...body.display_info, image_url, background_url } };
};

describe('image URLs in production (D-91)', () => {
  it('creates and modifies with uploaded images, and with the demo assets', async () => {
    const product = await uploaded(prod, pngOf(10, 10, [1, 1, 1]), 'product.png');
    const background = await uploaded(prod, pngOf(65, 77, [2, 2, 2]), 'background.png');
    const created = await json<{ product_coupon_id: string; display_info: { image_url: string } }>(
      await prod.send('POST', paths.create, withImages(prod, product, background)),
    );
    expect(created.display_info.image_url).toBe(product);
    const demo = `${prod.baseURL}component/assets/demo/product.svg`;
    const modify = {
      out_request_no: no('MODIFY'),
      brand_id: prod.merchant.brandId,
      display_info: {
        name: '换一张图片',
        image_url: demo,
        background_url: background,
        detail_image_url_list: [product],
      },
    };
    await json(await prod.send('PATCH', paths.modify(created.product_coupon_id), modify));
  });

  it("400 PARAM_ERROR naming the field for another host's URL, or a media URL of no stored image", async () => {
    const product = await uploaded(prod, pngOf(11, 11, [3, 3, 3]), 'product.png');
    await expectParamError(
      await prod.send('POST', paths.create, withImages(prod, product, 'https://img.example.com/background.png')),
      '/display_info/background_url',
    );
    const missing = product.replace(/[0-9a-f]{64}/, 'f'.repeat(64));
    await expectParamError(
      await prod.send('POST', paths.create, withImages(prod, missing, product)),
      '/display_info/image_url',
    );
  });
});

describe('image URLs in the sandbox (D-24)', () => {
  it('accepts any http(s) URL', async () => {
    const c = await startCoupond();
    try {
      await setNotifyUrl(c);
      await json(
        await c.send('POST', paths.create, withImages(c, 'https://cdn.example.com/a.png', 'http://localhost/b.png')),
      );
    } finally {
      await c.close();
    }
  });
});

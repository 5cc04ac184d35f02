import { Type } from '@sinclair/typebox';
import { Body, Pattern } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import { Text } from './objects/product-coupon.js';

/** `meta` of 图片上传: the JSON part the request signature covers (D-90); the file name's suffix is checked after. */
const ImageMeta = Body({
  filename: Text(150),
  sha256: Type.String(Pattern('^[0-9a-fA-F]{64}$', '只能由 64 位十六进制字符组成')),
});

export const uploadImage = defineEndpoint({
  name: 'uploadImage',
  summary: '图片上传',
  method: 'POST',
  path: `${PARTNER_PREFIX}/media/upload-image`,
  body: ImageMeta,
  media: true,
  response: Type.Object({ image_url: Type.String({ minLength: 1, maxLength: 256 }) }),
  rate: 'management',
});

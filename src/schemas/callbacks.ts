import { type Static, Type } from '@sinclair/typebox';
import { AppId, Chars, DateTime, ObjectId, OpenId } from './common.js';
import { SendChannel, SendRequestNoEcho } from './objects/user-coupon.js';

export const PRODUCT_COUPON_SEND_EVENT = 'PRODUCT_COUPON_SP.SEND';
export const PRODUCT_COUPON_SEND_SUMMARY = '商品券领券通知';
export const PRODUCT_COUPON_ASSOCIATED_DATA = 'product_coupon_sp';
/** 商品券图片生成结果通知: the task as the query answers it once it has ended (D-93). */
export const IMAGE_GENERATION_EVENT = 'PRODUCT_COUPON_SP.IMAGE_GENERATION';
export const IMAGE_GENERATION_SUMMARY = '商品券图片生成结果通知';
export type { ImageGenerationTaskT as ImageGenerationNotification } from './image-generation.js';

/**
 * docs/protocol.md, Callbacks. `original_type` differs between sources, so its value is not checked;
 * the documented string(16) would reject the documented `associated_data` example (17 characters).
 */
const CallbackResource = Type.Object({
  original_type: Type.String({ maxLength: 32 }),
  algorithm: Type.Literal('AEAD_AES_256_GCM'),
  ciphertext: Type.String({ minLength: 1 }),
  associated_data: Type.Optional(Type.String({ maxLength: 64 })),
  nonce: Type.String({ minLength: 1, maxLength: 16 }),
});

/** The signed JSON body POSTed to the merchant's notify_url. */
export const CallbackEnvelope = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 36 }),
  create_time: DateTime,
  resource_type: Type.Literal('encrypt-resource'),
  /** The documented string(32) would reject the documented `PRODUCT_COUPON_SP.IMAGE_GENERATION` (34 characters). */
  event_type: Type.String({
    minLength: 1,
    maxLength: 64,
    examples: [PRODUCT_COUPON_SEND_EVENT, IMAGE_GENERATION_EVENT],
  }),
  summary: Type.String({ maxLength: 64 }),
  resource: CallbackResource,
});
export type CallbackEnvelope = Static<typeof CallbackEnvelope>;

/** Decrypted `resource.ciphertext` of a `PRODUCT_COUPON_SP.SEND` callback (商品券回调通知). */
export const ProductCouponSendNotification = Type.Object({
  coupon_code: ObjectId,
  brand_id: ObjectId,
  product_coupon_id: ObjectId,
  stock_id: ObjectId,
  stock_bundle_id: Type.Optional(ObjectId),
  user_coupon_bundle_id: Type.Optional(ObjectId),
  appid: AppId,
  openid: OpenId,
  unionid: Type.String({
    minLength: 1,
    maxLength: 128,
    description:
      'The unionid registered for this openid; otherwise a stable pseudonym HMAC(brand secret, openid) shaped like a unionid (decisions.md D-3).',
  }),
  receive_time: DateTime,
  send_request_no: SendRequestNoEcho,
  send_channel: SendChannel,
  valid_begin_time: DateTime,
  valid_end_time: DateTime,
  phone_number: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  country_code: Type.Optional(Type.String({ minLength: 1, maxLength: 8, description: 'Dialling code without "+"' })),
  attach: Type.Optional(Chars(150)),
  channel_custom_info: Type.Optional(Chars(1000)),
});
export type ProductCouponSendNotification = Static<typeof ProductCouponSendNotification>;

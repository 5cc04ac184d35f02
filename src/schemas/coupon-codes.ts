import { type Static, Type } from '@sinclair/typebox';
import { MAX_CODES_PER_UPLOAD } from '../domain/coupon-codes.js';
import { Body, BrandId, ObjectId, RequestNo } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';

/** 预上传券Code (D-85). A code of the wrong format fails alone, in `failed_code_list`, so items are any string. */
const UploadCouponCodesBody = Body({
  out_request_no: RequestNo(),
  code_list: Type.Array(Type.String({ description: '1-40 characters of 0-9 A-Z a-z _ -' }), {
    minItems: 1,
    maxItems: MAX_CODES_PER_UPLOAD,
  }),
  brand_id: BrandId,
});
export type UploadCouponCodesBodyT = Static<typeof UploadCouponCodesBody>;

const CodeList = Type.Array(Type.String());

const UploadCouponCodesResponse = Type.Object({
  total_count: Type.Integer({ minimum: 0 }),
  success_code_list: Type.Optional(CodeList),
  failed_code_list: Type.Optional(
    Type.Array(Type.Object({ coupon_code: Type.String(), code: Type.String(), message: Type.String() })),
  ),
  already_exist_code_list: Type.Optional(CodeList),
  duplicate_code_list: Type.Optional(CodeList),
});
export type UploadCouponCodesResponseT = Static<typeof UploadCouponCodesResponse>;

export const uploadCouponCodes = defineEndpoint({
  name: 'uploadCouponCodes',
  summary: '预上传券Code',
  method: 'POST',
  path: `${PARTNER_PREFIX}/product-coupons/{product_coupon_id}/stocks/{stock_id}/upload-coupon-codes`,
  params: Type.Object({ product_coupon_id: ObjectId, stock_id: ObjectId }),
  body: UploadCouponCodesBody,
  response: UploadCouponCodesResponse,
  rate: 'management',
});

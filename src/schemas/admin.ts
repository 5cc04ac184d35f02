import { Type } from '@sinclair/typebox';
import { AppId, Body, BrandId, OpenId, Pattern } from './common.js';

/** Bodies of coupond's own admin API (`/admin/v1`), which stands in for WeChat's web consoles (D-1). */
export const Mchid = Type.String(Pattern('^[0-9]{6,32}$', '只能由 6–32 位数字组成'));

export const CreateMerchantBody = Body({
  mchid: Type.Optional(Mchid),
  name: Type.String({ minLength: 1, maxLength: 64 }),
  public_key: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  apiv3_key: Type.Optional(Type.String({ minLength: 32, maxLength: 32 })),
});
/** A certificate serial to keep (e.g. the merchant's real API certificate serial); derived from the key when absent. */
export const SerialNo = Type.String(Pattern('^[0-9A-Fa-f]{8,64}$', '只能由 8–64 位十六进制字符组成'));
export const AddKeyBody = Body({
  public_key: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  serial_no: Type.Optional(SerialNo),
});
export const CreateBrandBody = Body({
  brand_id: Type.Optional(
    Type.String(Pattern('^[0-9A-Za-z_-]{1,32}$', '只能由 1–32 位数字、大小写字母、下划线 _、短横线 - 组成')),
  ),
  name: Type.String({ minLength: 1, maxLength: 64 }),
});
export const AuthorizeBody = Body({ mchid: Mchid });
export const RelateAppIdBody = Body({ appid: AppId, mchid: Type.Optional(Mchid), brand_id: Type.Optional(BrandId) });
export const UnionIdBody = Body({
  brand_id: BrandId,
  openid: OpenId,
  unionid: Type.String({ minLength: 1, maxLength: 128 }),
});
/** A store id as WeChat's 创建品牌门店 would issue it; generated when absent (D-80). */
export const RegisterStoreBody = Body({
  store_id: Type.Optional(
    Type.String(Pattern('^[0-9A-Za-z_-]{1,40}$', '只能由 1–40 位数字、大小写字母、下划线 _、短横线 - 组成')),
  ),
});
export const MchidParams = Type.Object({ mchid: Mchid });
export const BrandParams = Type.Object({ brand_id: BrandId });

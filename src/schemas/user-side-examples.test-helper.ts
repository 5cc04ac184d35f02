import type { CallbackEnvelope, ProductCouponSendNotification } from './callbacks.js';
import type { PreSendCouponBundleBody, SendCouponBundleBody, SendCouponBundleResponse } from './issuance.js';
import type { DeactivateUserCouponBundleBody, GetUserCouponQuery, UseUserCouponBody } from './user-coupons.js';

/** The documented examples of the user-side APIs and the SEND callback, as the contract notes give them. */
/** 向用户预发放商品券批次组 */
export const preSendExample: PreSendCouponBundleBody = JSON.parse(`{
  "brand_id": "120344", "product_coupon_id": "1000000013", "stock_bundle_id": "100232301",
  "appid": "wx233544546545989", "send_request_no": "34657_20250101_123456", "attach": "example_attach"
}`);

/** 向用户发放商品券批次组 */
export const sendExample: SendCouponBundleBody = JSON.parse(`{
  "brand_id": "120344", "product_coupon_id": "1000000013", "stock_bundle_id": "712315129419284901",
  "appid": "wx233544546545989", "send_request_no": "34657_20250101_123456", "attach": "example_attach",
  "coupon_tag_info": { "coupon_tag_list": ["MEMBER"], "member_tag_info": { "member_card_id": "" } }
}`);

/** 向用户发放商品券批次组 response (whitespace compacted). */
export const sendResponseExample: SendCouponBundleResponse = JSON.parse(`{
  "user_coupon_bundle_id": "7123912547109241212489",
  "user_product_coupon_list": [{
    "coupon_code": "10000003", "coupon_state": "CONFIRMING", "valid_begin_time": "2025-08-02T00:00:00+08:00",
    "valid_end_time": "2025-08-31T23:59:59+08:00", "receive_time": "2025-08-02T00:00:00+08:00",
    "send_request_no": "MCHCONFIRM202003101234", "send_channel": "API", "progressive_bundle_usage_detail": {},
    "user_product_coupon_bundle_info": {
      "user_coupon_bundle_id": "7123912547109241212489", "user_coupon_bundle_index": 0, "total_count": 10, "used_count": 0
    },
    "product_coupon": {
      "product_coupon_id": "1000000014", "scope": "ALL", "type": "DISCOUNT", "usage_mode": "PROGRESSIVE_BUNDLE",
      "progressive_bundle_usage_info": { "count": 3, "interval_days": 1 },
      "display_info": {
        "name": "全场满100立打8折", "image_url": "https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/xxx",
        "background_url": "https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/xxx",
        "detail_image_url_list": ["https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/xxx"]
      },
      "state": "EFFECTIVE", "out_product_no": "Product_1234567890", "brand_id": "120344"
    },
    "stock": {
      "product_coupon_id": "1000000014", "stock_id": "1000000014001", "remark": "8月工作日有效批次",
      "coupon_code_mode": "UPLOAD", "coupon_code_count_info": { "total_count": 0, "available_count": 0 },
      "stock_send_rule": { "max_count": 10000000, "max_count_per_user": 1 },
      "progressive_bundle_usage_rule": {
        "coupon_available_period": {
          "available_begin_time": "2025-08-01T00:00:00+08:00", "available_end_time": "2025-08-31T23:59:59+08:00",
          "available_days": 30,
          "weekly_available_period": { "day_list": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"] }
        },
        "discount_coupon": { "threshold": 10000, "percent_off": 50 }
      },
      "stock_bundle_info": { "stock_bundle_id": "712315129419284901", "stock_bundle_index": 0 },
      "usage_rule_display_info": {
        "coupon_usage_method_list": ["OFFLINE", "MINI_PROGRAM", "PAYMENT_CODE"],
        "mini_program_appid": "wx1234567890", "mini_program_path": "/pages/index/product", "usage_description": "工作日可用",
        "coupon_available_store_info": {
          "description": "所有门店可用，可使用小程序查看门店列表", "mini_program_appid": "wx1234567890",
          "mini_program_path": "/pages/index/store-list"
        }
      },
      "coupon_display_info": {
        "code_display_mode": "QRCODE", "background_color": "Color010",
        "entrance_mini_program": {
          "appid": "wx1234567890", "path": "/pages/index/product", "entrance_wording": "欢迎选购", "guidance_wording": "获取更多优惠"
        },
        "entrance_official_account": { "appid": "wx1234567890" },
        "entrance_finder": {
          "finder_id": "gh_12345678", "finder_video_id": "UDFsdf24df34dD456Hdf34",
          "finder_video_cover_image_url": "https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/xxx"
        }
      },
      "notify_config": { "notify_appid": "wx4fd12345678" }, "store_scope": "NONE",
      "sent_count_info": { "total_count": 0, "today_count": 0 }, "state": "SENDING", "brand_id": "120344"
    },
    "brand_id": "120344"
  }]
}`);
export const bundleCoupon = sendResponseExample.user_product_coupon_list[0]!;

/** 商品券回调通知 */
export const callbackExample: CallbackEnvelope = JSON.parse(`{
  "id": "8b33f79f-8869-5ae5-b41b-3c0b59f957d0", "create_time": "2020-07-13T23:27:38+08:00",
  "resource_type": "encrypt-resource", "event_type": "PRODUCT_COUPON_SP.SEND", "summary": "商品券领券通知",
  "resource": {
    "original_type": "coupon", "algorithm": "AEAD_AES_256_GCM", "ciphertext": "xxx",
    "associated_data": "product_coupon_sp", "nonce": "j9g1wAzF9Xn1"
  }
}`);
export const sendPlaintextExample: ProductCouponSendNotification = JSON.parse(`{
  "brand_id": "12345", "coupon_code": "1227944959000000911017", "product_coupon_id": "1000932014",
  "stock_id": "1000932014001", "stock_bundle_id": "100093201412323", "user_coupon_bundle_id": "123446565767",
  "appid": "wx233544546545989", "openid": "oh-394z-6CGkNoJrsDLTTUKiAnp4", "unionid": "oOuyajgxj0oVwjocSoQm6mp7PGKw",
  "receive_time": "2025-05-20T13:29:35.120+08:00", "send_request_no": "SEND120395730984", "send_channel": "API",
  "valid_begin_time": "2025-05-20T13:29:35.120+08:00", "valid_end_time": "2025-05-25T23:59:59.000+08:00",
  "phone_number": "13212345678", "country_code": "86", "attach": "brand_custom_attach"
}`);

export const couponRef: GetUserCouponQuery = JSON.parse(`{
  "product_coupon_id": "1000000013", "stock_id": "1000000013001", "appid": "wx233544546545989", "brand_id": "120344"
}`);
/** 失效用户商品券组 */
export const deactivateExample: DeactivateUserCouponBundleBody = JSON.parse(`{
  "brand_id": "120344", "product_coupon_id": "1000000013", "stock_bundle_id": "100232301", "appid": "wx233544546545989",
  "out_request_no": "34657_20250101_123456", "deactivate_reason": "商品已下线，使用户商品券失效"
}`);
export const useBody: UseUserCouponBody = {
  ...couponRef,
  use_time: '2025-08-03T12:00:00+08:00',
  out_request_no: 'MCHUSE202003101234',
  associated_order_info: { transaction_id: '4200000000123456789123456789' },
};

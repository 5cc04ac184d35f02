/** The one error model. The API maps it to WeChat's `{code, message, detail}` body; nothing else builds error bodies. */
export interface ErrorDetail {
  field?: string;
  value?: unknown;
  issue?: string;
  location?: string | null;
  [key: string]: unknown;
}

export class CouponError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
    this.name = 'CouponError';
  }

  toBody(): { code: string; message: string; detail?: ErrorDetail } {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export const paramError = (message: string, detail?: ErrorDetail) =>
  new CouponError('PARAM_ERROR', message, 400, detail);
export const invalidRequest = (message: string, detail?: ErrorDetail) =>
  new CouponError('INVALID_REQUEST', message, 400, detail);
export const notFound = (message: string) => new CouponError('NOT_FOUND', message, 404);
export const alreadyExists = (message: string) => new CouponError('ALREADY_EXISTS', message, 400);
export const notEnough = (message: string) => new CouponError('NOT_ENOUGH', message, 403);
export const noAuth = (message = '服务商没有此接口权限') => new CouponError('NO_AUTH', message, 403);
export const signError = (message: string, detail?: ErrorDetail) => new CouponError('SIGN_ERROR', message, 401, detail);
export const systemError = (message = '系统异常，请稍后重试') => new CouponError('SYSTEM_ERROR', message, 500);
export const rateLimited = () => new CouponError('RATELIMIT_EXCEEDED', '请求超过接口频率限制', 429);
export const notImplemented = (what: string) =>
  new CouponError('NOT_IMPLEMENTED', `coupond 尚未实现该接口: ${what}`, 501);

/** Shared messages, so every API speaks the same words for the same failure. */
export const Messages = {
  pageTokenUnknown: '不是本列表给出的 page_token',
  businessRule: '传入参数不符合业务规则',
  userLimit: '用户领取已达到上限',
  budget: '商品券批次发放预算不足',
  codesExhausted: '商品券批次预上传券Code剩余数量不足',
  requestNoConflict: '发券请求单号冲突：与首次请求的参数不一致',
  couponCodeConflict: 'coupon_code 冲突：用户商品券Code已被使用，请使用其他券Code',
  appidInvalid: '传入的AppID非法',
  openidInvalid: '传入的OpenID不合法',
  productCouponNotFound: '未找到 product_coupon_id 对应的商品券',
  stockBundleNotFound: '未找到 stock_bundle_id 对应的商品券批次组',
  stockNotFound: '未找到 stock_id 对应的商品券批次',
  couponNotFound: '未找到 coupon_code 对应的用户商品券',
  notifyConfigNotFound: '未找到品牌通知配置',
} as const;

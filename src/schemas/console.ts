import { Type } from '@sinclair/typebox';
import { Mchid } from './admin.js';
import { BrandId, ObjectId, OpenId, Query } from './common.js';
import { ProductCouponState, UsageMode } from './objects/product-coupon.js';

/** Queries of the console's JSON API under `/admin/v1/console` (D-60). */
export const CONSOLE_API_PREFIX = '/admin/v1/console';

export const ConsoleCouponListQuery = Query({
  mchid: Type.Optional(Mchid),
  brand_id: Type.Optional(BrandId),
  mode: Type.Optional(UsageMode),
  state: Type.Optional(ProductCouponState),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 }),
});

export const ConsoleCouponParams = Type.Object({ product_coupon_id: ObjectId });
export const ConsoleUserParams = Type.Object({ openid: OpenId });

/** Per hour over the last 48 hours, or per day over the last 30 days (Asia/Shanghai). */
export const IssuanceSeriesQuery = Query({
  granularity: Type.Union([Type.Literal('hour'), Type.Literal('day')], { default: 'hour' }),
});

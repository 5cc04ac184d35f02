import type { Static } from '@sinclair/typebox';
import type { CreatedProductCoupon } from '../../schemas/product-coupons.js';
import type { StockPage } from '../../schemas/stocks.js';

/** Response types of the catalog services, as the schemas define them. */
export type CreatedProductCouponT = Static<typeof CreatedProductCoupon>;
export type StockPageT = Static<typeof StockPage>;
export type { ProductCouponT } from '../../schemas/objects/product-coupon.js';
export type { StockBundleT, StockT } from '../../schemas/objects/stock.js';

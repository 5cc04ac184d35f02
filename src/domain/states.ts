/** The states WeChat documents for each object (docs/fidelity.md, States; docs/lifecycle.md). Schemas build on these lists. */
export const PRODUCT_COUPON_STATES = ['AUDITING', 'EFFECTIVE', 'DEACTIVATED'] as const;
export type ProductCouponState = (typeof PRODUCT_COUPON_STATES)[number];

export const STOCK_STATES = ['AUDITING', 'SENDING', 'PAUSED', 'STOPPED', 'DEACTIVATED'] as const;
export type StockState = (typeof STOCK_STATES)[number];

export const USER_COUPON_STATES = [
  'CONFIRMING',
  'PENDING',
  'EFFECTIVE',
  'USED',
  'EXPIRED',
  'DELETED',
  'DEACTIVATED',
] as const;
export type UserCouponState = (typeof USER_COUPON_STATES)[number];

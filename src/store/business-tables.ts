/** Tables `sandbox reset` empties, children first; tenants, keys, settings and replay nonces are kept. */
export const BUSINESS_TABLES = [
  'webhook_attempts',
  'outbox',
  'issuance_hours',
  'user_coupons',
  'user_coupon_bundles',
  'issuances',
  'tokens',
  'user_counts',
  'stock_day_counts',
  'stock_stores',
  'coupon_codes',
  'coupon_code_counts',
  'stocks',
  'stock_bundles',
  'product_coupons',
  'request_records',
];

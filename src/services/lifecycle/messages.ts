/** Answers of the lifecycle APIs (确认发放, 核销, 退券, 失效, and the texts of WeChat's FAQ). */
export const LifecycleMessages = {
  stateInvalid: '用户券状态非法',
  notUsable: '用户商品券当前无法使用',
  deleted: '券已被删除',
  stillUsable: '券当前是可用的',
  useRequestNoUsed: '已使用过此单号核销券',
  bundleNotFound: '未找到 user_coupon_bundle_id 对应的用户商品券组',
  orderRequired: '必须且只能填写 associated_order_info 与 associated_pay_score_order_info 其中之一',
  orderIds: 'transaction_id 与 out_trade_no 至少填写一个',
  payScoreOrderIds: 'order_id 与 out_order_no 至少填写一个',
  orderOwner: '填写商户订单号时必填',
} as const;

import { type Static, Type } from '@sinclair/typebox';
import { Body, DateTime, Fen, literals, OpenId, RequestNo } from './common.js';
import { CLAIM_RESULTS, PREVIEW_STATES } from './component-states.js';
import { ComboPackage, CouponType, DisplayInfo, ImageUrl } from './objects/product-coupon.js';

/**
 * The receiving component's JSON API under `/component/v1` (D-9, D-10, docs/component.md).
 * Every outcome is HTTP 200; only malformed input answers 4xx with WeChat's `{code, message}` body.
 */
export const COMPONENT_API_PREFIX = '/component/v1';

/** D-9: the outcome of a claim. */
export const ClaimResult = literals(CLAIM_RESULTS);
export type ClaimResult = Static<typeof ClaimResult>;

/** What a claim would do now; `READY` (待领取) means it would be `RECEIVED`. */
export const PreviewState = literals(PREVIEW_STATES);
export type PreviewState = Static<typeof PreviewState>;

/** One round (stock #index) of a progressive bundle; which amount field is set follows the coupon's `type`. */
export const ComponentRound = Type.Object({
  index: Type.Integer({ minimum: 0, maximum: 14 }),
  threshold: Type.Optional(Fen()),
  discount_amount: Type.Optional(Fen()),
  percent_off: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  exchange_price: Type.Optional(Fen()),
});
export type ComponentRound = Static<typeof ComponentRound>;

/** The coupon as the component shows it: `display_info` plus the bundle's rules. */
export const ComponentCoupon = Type.Object({
  /** The product coupon's name as created: up to 15 characters, an emoji counting once. */
  name: DisplayInfo.properties.name,
  image_url: ImageUrl,
  background_url: ImageUrl,
  detail_image_url_list: Type.Optional(Type.Array(ImageUrl, { maxItems: 8 })),
  original_price: Type.Optional(Fen(10_000_000)),
  combo_package_list: Type.Optional(Type.Array(ComboPackage, { maxItems: 50 })),
  type: CouponType,
  rounds: Type.Array(ComponentRound, { minItems: 1, maxItems: 15 }),
  interval_days: Type.Integer({ minimum: 0, maximum: 7 }),
  valid_begin_time: Type.Optional(DateTime),
  valid_end_time: Type.Optional(DateTime),
  brand_id: Type.String({ minLength: 1, maxLength: 32 }),
});
export type ComponentCoupon = Static<typeof ComponentCoupon>;

/** Path parameters of both token routes. A token that parses but is unknown or forged is `TOKEN_INVALID`. */
export const ComponentTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) });
export type ComponentTokenParams = Static<typeof ComponentTokenParams>;

/**
 * `GET /component/v1/tokens/{token}`. `coupon` is absent for `TOKEN_INVALID` / `TOKEN_EXPIRED`;
 * `user_coupon_bundle_id` and `coupon_code` come with `ALREADY_RECEIVED`; `daily_resets_at` with `DAILY_SOLD_OUT`.
 */
export const TokenPreview = Type.Object({
  state: PreviewState,
  coupon: Type.Optional(ComponentCoupon),
  user_coupon_bundle_id: Type.Optional(Type.String({ maxLength: 40 })),
  coupon_code: Type.Optional(Type.String({ maxLength: 40 })),
  daily_resets_at: Type.Optional(DateTime),
});
export type TokenPreview = Static<typeof TokenPreview>;

/** `POST /component/v1/tokens/{token}/claim` (no body). */
export const ClaimResponse = Type.Object({
  result: ClaimResult,
  user_coupon_bundle_id: Type.Optional(Type.String({ maxLength: 40 })),
  coupon_code: Type.Optional(Type.String({ maxLength: 40 })),
  daily_resets_at: Type.Optional(DateTime),
});
export type ClaimResponse = Static<typeof ClaimResponse>;

/**
 * `POST /component/v1/demo/pre-send`: pre-sends the demo merchant's bundle, or with `usage_mode` `SINGLE` its single
 * coupon, to `openid` (sandbox/demo only).
 */
export const DemoPreSendBody = Body({
  openid: OpenId,
  send_request_no: Type.Optional(RequestNo(40)),
  usage_mode: Type.Optional(literals(['PROGRESSIVE_BUNDLE', 'SINGLE'] as const)),
});
export type DemoPreSendBody = Static<typeof DemoPreSendBody>;

export const DemoPreSendResponse = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) });
export type DemoPreSendResponse = Static<typeof DemoPreSendResponse>;

export const HOST_SOURCE = 'receiveProductCouponComponent';

/** D-10: what the component reports to its host when the user taps 去使用 or picks a combo choice. */
export const HostActionMessage = Type.Object({
  action: literals(['useCouponInReceiving', 'selectProductInReceiving'] as const),
  productPath: Type.String(),
  source: Type.Literal(HOST_SOURCE),
  result: ClaimResult,
});
export type HostActionMessage = Static<typeof HostActionMessage>;

/** Sent once when a claim answer arrives (`action: 'receiveCoupon'`, the action the component was opened for). */
export const ClaimOutcomeMessage = Type.Object({
  action: Type.Literal('receiveCoupon'),
  productPath: Type.Literal(''),
  source: Type.Literal(HOST_SOURCE),
  result: ClaimResult,
  user_coupon_bundle_id: Type.Optional(Type.String()),
  coupon_code: Type.Optional(Type.String()),
  daily_resets_at: Type.Optional(Type.String()),
});
export type ClaimOutcomeMessage = Static<typeof ClaimOutcomeMessage>;

export const HostMessage = Type.Union([HostActionMessage, ClaimOutcomeMessage]);
export type HostMessage = Static<typeof HostMessage>;

/** DOM event names dispatched by `<coupon-receiver>` (bubbling, composed). */
export const RESULT_EVENT = 'coupon-receiver:result';
export const CLAIM_EVENT = 'coupon-receiver:claim';

export const componentApi = {
  preview: {
    method: 'GET',
    path: `${COMPONENT_API_PREFIX}/tokens/{token}`,
    params: ComponentTokenParams,
    response: TokenPreview,
  },
  claim: {
    method: 'POST',
    path: `${COMPONENT_API_PREFIX}/tokens/{token}/claim`,
    params: ComponentTokenParams,
    response: ClaimResponse,
  },
  demoPreSend: {
    method: 'POST',
    path: `${COMPONENT_API_PREFIX}/demo/pre-send`,
    body: DemoPreSendBody,
    response: DemoPreSendResponse,
  },
} as const;

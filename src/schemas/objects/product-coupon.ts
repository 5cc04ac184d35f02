import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import type { AvailablePeriodInput } from '../../domain/catalog/types.js';
import { PRODUCT_COUPON_STATES } from '../../domain/states.js';
import { AppId, Body, BrandId, Chars, DateTime, Fen, literals, ObjectId, type Satisfies } from '../common.js';

/** Shared objects of the product-coupon family: ProductCoupon and the parts create, modify and the stock objects reuse. */

export const Scope = Type.Union([Type.Literal('ALL'), Type.Literal('SINGLE')]);
export const CouponType = Type.Union([Type.Literal('NORMAL'), Type.Literal('DISCOUNT'), Type.Literal('EXCHANGE')]);
export const UsageMode = Type.Union([Type.Literal('SINGLE'), Type.Literal('PROGRESSIVE_BUNDLE')]);
export const ProductCouponState = literals(PRODUCT_COUPON_STATES);
export const StoreScope = Type.Union([Type.Literal('NONE'), Type.Literal('ALL'), Type.Literal('SPECIFIC')]);
const Weekday = Type.Union(
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => Type.Literal(d)),
);
const UsageMethod = Type.Union([
  Type.Literal('OFFLINE'),
  Type.Literal('MINI_PROGRAM'),
  Type.Literal('APP'),
  Type.Literal('PAYMENT_CODE'),
]);
const AppJumpType = Type.Union([Type.Literal('H5'), Type.Literal('PASSCODE_LINK'), Type.Literal('USAGE_GUIDE')]);
const CodeDisplayMode = Type.Union([Type.Literal('INVISIBLE'), Type.Literal('BARCODE'), Type.Literal('QRCODE')]);
const BackgroundColor = Type.Union(
  ['010', '020', '030', '040', '050', '060', '070', '080', '090', '100'].map((n) => Type.Literal(`Color${n}`)),
);

/** Between `min` (1 unless told) and `max` Unicode characters, optionally of a string format. */
export const Text = (max: number, min = 1, format?: string) => Chars(max, min, format ? { format } : {});
/** D-24: any http(s) URL stands in for an upload-API URL. */
export const ImageUrl = Type.String({ format: 'uri', minLength: 1, maxLength: 1024 });
/** D-42: a relative page path with an optional query, never a URL with a scheme. */
export const MiniProgramPath = Text(512, 1, 'mini-program-path');
const SecondOfDay = Type.Integer({ minimum: 0, maximum: 86_399 });

type ObjectFactory = <T extends TProperties>(props: T) => TObject<T>;

function discounts(obj: ObjectFactory) {
  const NormalCoupon = obj({
    threshold: Fen(),
    discount_amount: Type.Integer({ minimum: 1, maximum: 100_000_000_00 }),
  });
  const DiscountCoupon = obj({ threshold: Fen(), percent_off: Type.Integer({ minimum: 1, maximum: 99 }) });
  const ExchangeCoupon = obj({ threshold: Fen(), exchange_price: Fen() });
  return { NormalCoupon, DiscountCoupon, ExchangeCoupon };
}

function availablePeriod(obj: ObjectFactory) {
  const DayPeriod = obj({ begin_time: SecondOfDay, end_time: SecondOfDay });
  return obj({
    available_begin_time: DateTime,
    available_end_time: DateTime,
    available_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    wait_days_after_receive: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
    weekly_available_period: Type.Optional(
      obj({
        day_list: Type.Array(Weekday, { minItems: 1, maxItems: 7, uniqueItems: true }),
        day_period_list: Type.Optional(Type.Array(DayPeriod, { minItems: 1, maxItems: 3 })),
      }),
    ),
    irregular_available_period_list: Type.Optional(
      Type.Array(obj({ begin_time: DateTime, end_time: DateTime }), { minItems: 1, maxItems: 2 }),
    ),
    available_seconds: Type.Optional(Type.Integer({ minimum: 3600, maximum: 86_400, multipleOf: 3600 })),
  });
}

const MiniProgramLink = {
  mini_program_appid: Type.Optional(AppId),
  mini_program_path: Type.Optional(MiniProgramPath),
};

/** How a coupon is used and shown in the user's wallet. */
function wallet(obj: ObjectFactory) {
  const UsageRuleDisplayInfo = obj({
    coupon_usage_method_list: Type.Array(UsageMethod, { minItems: 1, maxItems: 4, uniqueItems: true }),
    ...MiniProgramLink,
    app_jump_type: Type.Optional(AppJumpType),
    app_path: Type.Optional(Text(1024)),
    passcode_link: Type.Optional(Text(1024)),
    usage_description: Text(1000),
    coupon_available_store_info: Type.Optional(obj({ description: Text(1000), ...MiniProgramLink })),
  });
  const CouponDisplayInfo = obj({
    code_display_mode: CodeDisplayMode,
    background_color: Type.Optional(BackgroundColor),
    entrance_mini_program: Type.Optional(
      obj({ appid: AppId, path: MiniProgramPath, entrance_wording: Text(5), guidance_wording: Text(6) }),
    ),
    entrance_official_account: Type.Optional(obj({ appid: AppId })),
    entrance_finder: Type.Optional(
      obj({ finder_id: Text(64), finder_video_id: Text(128), finder_video_cover_image_url: ImageUrl }),
    ),
  });
  return { UsageRuleDisplayInfo, CouponDisplayInfo };
}

/** The product coupon's own display: name, images, combo packages. */
function productDisplay(obj: ObjectFactory) {
  const ComboChoice = obj({
    name: Text(15),
    price: Fen(),
    count: Type.Integer({ minimum: 1, maximum: 99 }),
    image_url: Type.Optional(ImageUrl),
    ...MiniProgramLink,
  });
  const ComboPackage = obj({
    name: Text(15),
    pick_count: Type.Integer({ minimum: 1 }),
    choice_list: Type.Array(ComboChoice, { minItems: 1, maxItems: 99 }),
  });
  const DisplayInfo = obj({
    name: Text(15, 3),
    image_url: ImageUrl,
    background_url: ImageUrl,
    detail_image_url_list: Type.Optional(Type.Array(ImageUrl, { maxItems: 8 })),
    original_price: Type.Optional(Fen(10_000_000)),
    combo_package_list: Type.Optional(Type.Array(ComboPackage, { minItems: 1, maxItems: 50 })),
  });
  return { ComboPackage, DisplayInfo };
}

/**
 * Builds every shared object twice: strict for request bodies (unknown fields rejected: docs/protocol.md, Errors)
 * and open for responses.
 */
function build(obj: ObjectFactory) {
  const { NormalCoupon, DiscountCoupon, ExchangeCoupon } = discounts(obj);
  const CouponAvailablePeriod = availablePeriod(obj);
  const ProgressiveBundleUsageInfo = obj({
    count: Type.Integer({ minimum: 3, maximum: 15 }),
    interval_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 })),
  });
  /** `usage_mode=SINGLE`: the product coupon's discount when `scope=ALL`, given once for all its stocks. */
  const SingleUsageInfo = obj({
    normal_coupon: Type.Optional(NormalCoupon),
    discount_coupon: Type.Optional(DiscountCoupon),
  });
  /** A single-mode stock's validity, and its own discount when `scope=SINGLE`. */
  const SingleUsageRule = obj({
    coupon_available_period: CouponAvailablePeriod,
    normal_coupon: Type.Optional(NormalCoupon),
    discount_coupon: Type.Optional(DiscountCoupon),
    exchange_coupon: Type.Optional(ExchangeCoupon),
  });
  return {
    NormalCoupon,
    DiscountCoupon,
    ExchangeCoupon,
    CouponAvailablePeriod,
    ...wallet(obj),
    NotifyConfig: obj({ notify_appid: AppId }),
    ...productDisplay(obj),
    ProgressiveBundleUsageInfo,
    SingleUsageInfo,
    SingleUsageRule,
  };
}

/** Strict variants for request bodies. */
export const Input = build(Body);

const open = build((props) => Type.Object(props));
export const {
  NormalCoupon,
  DiscountCoupon,
  ExchangeCoupon,
  CouponAvailablePeriod,
  UsageRuleDisplayInfo,
  CouponDisplayInfo,
  NotifyConfig: StockNotifyConfig,
  ComboPackage,
  DisplayInfo,
  SingleUsageRule,
} = open;
const { ProgressiveBundleUsageInfo, SingleUsageInfo } = open;

const DeactivateFields = {
  deactivate_request_no: Type.Optional(Type.String({ maxLength: 128 })),
  deactivate_time: Type.Optional(DateTime),
  deactivate_reason: Type.Optional(Text(150, 0)),
};

export { DeactivateFields };

/** WeChat's ProductCoupon object. */
export const ProductCoupon = Type.Object({
  product_coupon_id: ObjectId,
  scope: Scope,
  type: CouponType,
  usage_mode: UsageMode,
  single_usage_info: Type.Optional(SingleUsageInfo),
  progressive_bundle_usage_info: Type.Optional(ProgressiveBundleUsageInfo),
  display_info: DisplayInfo,
  out_product_no: Type.Optional(Text(40, 0)),
  state: ProductCouponState,
  ...DeactivateFields,
  brand_id: BrandId,
});

export type ProductCouponT = Static<typeof ProductCoupon>;
export type CouponAvailablePeriodT = Satisfies<Static<typeof CouponAvailablePeriod>, AvailablePeriodInput>;

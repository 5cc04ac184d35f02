import { badParam, breaksRule } from './catalog/fail.js';
import { checkScopeAndType } from './catalog/rounds.js';
import { checkDiscount } from './catalog/single.js';
import type { CouponType, Scope, UsageMode } from './catalog/types.js';

/** 提交图片生成任务 and its task (D-92). Structural shapes, so the schema's request types satisfy them. */

export const IMAGE_GENERATION_TYPES = ['COMBINE_IMAGE', 'CUT_OUT'] as const;
export type ImageGenerationType = (typeof IMAGE_GENERATION_TYPES)[number];
export const IMAGE_TASK_STATES = ['PROCESSING', 'SUCCESS', 'FAIL'] as const;
export type ImageTaskState = (typeof IMAGE_TASK_STATES)[number];

export interface CombineImageInput {
  scope: Scope;
  type: CouponType;
  usage_mode: UsageMode;
  normal_coupon?: { threshold: number; discount_amount: number };
  discount_coupon?: { threshold: number; percent_off: number };
  exchange_coupon?: { threshold: number; exchange_price: number };
  background_color?: string;
}

export interface ImageGenerationInput {
  brand_id: string;
  task_id: string;
  image_generation_type: ImageGenerationType;
  combine_image?: CombineImageInput;
  cut_out?: { image_url: string };
}

const DATA_OF = { COMBINE_IMAGE: 'combine_image', CUT_OUT: 'cut_out' } as const;

/**
 * The combination rules of the body (D-92): the data object of the chosen type is required and the other one
 * refused; inside `combine_image`, exactly the rule object matching `type`. `EXCHANGE` needs `scope=SINGLE`, and
 * `usage_mode` is `SINGLE` only, as the page says it currently is.
 */
export function checkImageGeneration(body: ImageGenerationInput): void {
  const wanted = DATA_OF[body.image_generation_type];
  for (const name of Object.values(DATA_OF)) {
    if (name !== wanted && body[name] !== undefined)
      throw badParam(`/${name}`, `image_generation_type 为 ${body.image_generation_type} 时不可填写`);
  }
  if (body[wanted] === undefined)
    throw badParam(`/${wanted}`, `image_generation_type 为 ${body.image_generation_type} 时必填`);
  const combine = body.combine_image;
  if (!combine) return;
  checkDiscount(combine, combine.type, true, '/combine_image', '');
  checkScopeAndType(combine.scope, combine.type, '/combine_image');
  if (combine.usage_mode !== 'SINGLE')
    throw breaksRule('/combine_image/usage_mode', '当前仅支持 SINGLE', combine.usage_mode);
}

/** Fen as yuan without trailing zeros: 10000 → "100", 1990 → "19.9", 1 → "0.01". */
function yuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** `percent_off` as the 折 Chinese shoppers read: 30 → "7", 15 → "8.5", 5 → "9.5". */
function zhe(percentOff: number): string {
  const tenths = 100 - percentOff;
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/** What a generated head image says: the offer in large type, its condition, and where it applies (D-94). */
export interface OfferText {
  headline: string;
  unit: string;
  condition: string;
  scope: string;
}

const conditionOf = (threshold: number) => (threshold === 0 ? '无门槛' : `满${yuan(threshold)}元可用`);

export function offerText(c: CombineImageInput): OfferText {
  const scope = c.scope === 'ALL' ? '全场通用' : '指定商品可用';
  if (c.normal_coupon) {
    const { threshold, discount_amount } = c.normal_coupon;
    return { headline: yuan(discount_amount), unit: '元', condition: conditionOf(threshold), scope };
  }
  if (c.discount_coupon) {
    const { threshold, percent_off } = c.discount_coupon;
    return { headline: zhe(percent_off), unit: '折', condition: conditionOf(threshold), scope };
  }
  const { threshold, exchange_price } = c.exchange_coupon ?? { threshold: 0, exchange_price: 0 };
  return { headline: yuan(exchange_price), unit: '元兑换', condition: conditionOf(threshold), scope };
}

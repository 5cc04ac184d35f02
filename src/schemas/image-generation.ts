import { type Static, Type } from '@sinclair/typebox';
import { IMAGE_GENERATION_TYPES, IMAGE_TASK_STATES, type ImageGenerationInput } from '../domain/image-generation.js';
import { Body, BrandId, literals, Pattern, Query, RequestNo, type Satisfies } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';
import { CouponType, ImageUrl, Input, Scope, UsageMode } from './objects/product-coupon.js';

/** 提交图片生成任务 and 查询图片生成任务执行结果 (D-92 … D-94). */

const ImageGenerationType = literals(IMAGE_GENERATION_TYPES);
const TaskId = RequestNo();

const CombineImage = Body({
  scope: Scope,
  type: CouponType,
  usage_mode: UsageMode,
  normal_coupon: Type.Optional(Input.NormalCoupon),
  discount_coupon: Type.Optional(Input.DiscountCoupon),
  exchange_coupon: Type.Optional(Input.ExchangeCoupon),
  background_color: Type.Optional(Type.String(Pattern('^#[0-9A-Fa-f]{6}$', '须为 # 开头的 6 位十六进制色值'))),
});

const CreateImageGenerationBody = Body({
  brand_id: BrandId,
  task_id: TaskId,
  image_generation_type: ImageGenerationType,
  combine_image: Type.Optional(CombineImage),
  cut_out: Type.Optional(Body({ image_url: ImageUrl })),
});
export type CreateImageGenerationBodyT = Satisfies<Static<typeof CreateImageGenerationBody>, ImageGenerationInput>;

const TaskKey = Type.Object({ task_id: TaskId, brand_id: BrandId });
export type ImageTaskKeyT = Static<typeof TaskKey>;

const ImageResult = Type.Object({ image_url: Type.String({ minLength: 1, maxLength: 256 }) });

/** A task as the query and the IMAGE_GENERATION callback show it: a result only once `SUCCESS`. */
const ImageGenerationTask = Type.Object({
  brand_id: BrandId,
  task_id: TaskId,
  image_generation_type: ImageGenerationType,
  task_state: literals(IMAGE_TASK_STATES),
  combine_image_result: Type.Optional(ImageResult),
  cut_out_result: Type.Optional(ImageResult),
});
export type ImageGenerationTaskT = Static<typeof ImageGenerationTask>;

export const createImageGenerationTask = defineEndpoint({
  name: 'createImageGenerationTask',
  summary: '提交图片生成任务',
  method: 'POST',
  path: `${PARTNER_PREFIX}/image-generation-tasks`,
  body: CreateImageGenerationBody,
  response: TaskKey,
  rate: 'management',
});

const TaskQuery = Query({ brand_id: BrandId, image_generation_type: ImageGenerationType });
export type ImageTaskQueryT = Static<typeof TaskQuery>;

export const getImageGenerationTask = defineEndpoint({
  name: 'getImageGenerationTask',
  summary: '查询图片生成任务执行结果',
  method: 'GET',
  path: `${PARTNER_PREFIX}/image-generation-tasks/{task_id}`,
  params: Type.Object({ task_id: TaskId }),
  query: TaskQuery,
  response: ImageGenerationTask,
  rate: 'management',
});

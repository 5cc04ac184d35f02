import { toRfc3339 } from '../../../domain/clock.js';
import { ownImageOf } from '../../../domain/image-urls.js';
import { sha256Hex } from '../../../domain/media.js';
import { IMAGE_GENERATION_EVENT, IMAGE_GENERATION_SUMMARY } from '../../../schemas/callbacks.js';
import type { ImageTaskRecord } from '../../../store/image-tasks.js';
import type { ServiceDeps } from '../../deps.js';
import { combineSvg } from './combine-svg.js';
import { cutOut } from './cut-out.js';
import { rasterise } from './rasterise.js';
import { taskView } from './view.js';

type Made = { png: Buffer } | { failure: string };

/** Reads what a task needs from the store; a failure here is the store's and leaves the task to the next run. */
async function sourceOf(deps: ServiceDeps, task: ImageTaskRecord) {
  if (task.type === 'COMBINE_IMAGE') return { brandName: (await deps.store.getBrand(task.brandId))?.name ?? '' };
  const own = ownImageOf(task.request.cut_out?.image_url ?? '');
  return { image: own && own !== 'demo' ? await deps.store.getImage(own.imageId) : null };
}

/** Renders the task's image. Rendering fails the same way every time, so its error ends the task `FAIL`. */
async function make(deps: ServiceDeps, task: ImageTaskRecord, onError: (error: unknown) => void): Promise<Made> {
  const source = await sourceOf(deps, task);
  try {
    if ('brandName' in source) {
      const combine = task.request.combine_image!;
      return { png: (await rasterise(combineSvg(combine, source.brandName || task.brandId), true)).asPng() };
    }
    return source.image ? await cutOut(source.image.bytes, source.image.type) : { failure: '商品图不存在' };
  } catch (error) {
    onError(error);
    return { failure: '图片生成失败' };
  }
}

/**
 * Renders a due task and ends it in one store transaction (D-93): the PNG stored like an uploaded image (D-90), the
 * task `SUCCESS` or `FAIL`, and the PRODUCT_COUPON_SP.IMAGE_GENERATION callback in the outbox, due at once.
 */
export async function finishTask(deps: ServiceDeps, task: ImageTaskRecord, onError: (e: unknown) => void) {
  const made = await make(deps, task, onError);
  const now = deps.clock.now();
  const at = toRfc3339(now);
  const png = 'png' in made ? made.png : null;
  const image = png && {
    imageId: sha256Hex(png),
    type: 'png' as const,
    size: png.length,
    bytes: png,
    mchid: task.mchid,
    createdAt: at,
  };
  const failReason = 'failure' in made ? made.failure : null;
  const ended: ImageTaskRecord = {
    ...task,
    state: image ? 'SUCCESS' : 'FAIL',
    imageId: image?.imageId ?? null,
    failReason,
    completedAt: at,
  };
  return deps.store.completeImageTask({
    key: { mchid: task.mchid, brandId: task.brandId, taskId: task.taskId },
    state: ended.state as 'SUCCESS' | 'FAIL',
    image,
    failReason,
    completedAt: at,
    event: {
      eventId: deps.ids.uuid(),
      mchid: task.mchid,
      eventType: IMAGE_GENERATION_EVENT,
      summary: IMAGE_GENERATION_SUMMARY,
      resource: taskView(ended, task.origin),
      createTime: at,
      nextAttemptAt: now.toISOString(),
    },
  });
}

import { badParam } from '../../../domain/catalog/fail.js';
import { toRfc3339 } from '../../../domain/clock.js';
import { checkImageGeneration } from '../../../domain/image-generation.js';
import { ownImageOf } from '../../../domain/image-urls.js';
import type { CreateImageGenerationBodyT, ImageTaskKeyT } from '../../../schemas/image-generation.js';
import { checkBrandAuthorized } from '../../authorization.js';
import type { ServiceDeps } from '../../deps.js';
import { Conflicts, runNumbered } from '../../requests/pipeline.js';

/** In the sandbox a task stays PROCESSING this long on the (test) clock; elsewhere it is due at once (D-93). */
const SANDBOX_GENERATION_SECONDS = 5;

/** 抠图 works on an image coupond stores (WeChat: only images on its own image host), whatever the mode. */
async function checkCutOutSource(deps: ServiceDeps, url: string): Promise<void> {
  const own = ownImageOf(url);
  if (own === null || own === 'demo') throw badParam('/cut_out/image_url', '商品图URL须为图片上传接口返回的URL', url);
  const [stored] = await deps.store.storedImageIds([own.imageId]);
  if (!stored) throw badParam('/cut_out/image_url', '图片URL对应的图片不存在', url);
}

/**
 * 提交图片生成任务 (D-92, D-93): field and combination rules, the brand's authorization, then the task id as a
 * request number (D-5): the same body replays the first answer, another body answers `ALREADY_EXISTS`. The task is
 * stored `PROCESSING`; the image generation job renders it once it is due.
 */
export function createImageTask(
  deps: ServiceDeps,
  mchid: string,
  body: CreateImageGenerationBodyT,
  origin: string,
): Promise<ImageTaskKeyT> {
  return runNumbered(deps, {
    key: { mchid, brandId: body.brand_id, api: 'createImageGenerationTask', requestNo: body.task_id },
    parameters: { body },
    conflict: Conflicts.imageGenerationTask,
    resolve: async () => {
      checkImageGeneration(body);
      if (body.cut_out) await checkCutOutSource(deps, body.cut_out.image_url);
      await checkBrandAuthorized(deps, mchid, body.brand_id);
    },
    plan: async () => {
      const now = deps.clock.now();
      const due = new Date(now.getTime() + (deps.sandbox ? SANDBOX_GENERATION_SECONDS * 1000 : 0));
      const task = {
        mchid,
        brandId: body.brand_id,
        taskId: body.task_id,
        type: body.image_generation_type,
        request: body,
        origin,
        state: 'PROCESSING' as const,
        imageId: null,
        failReason: null,
        createdAt: toRfc3339(now),
        dueAt: toRfc3339(due),
        completedAt: null,
      };
      return {
        response: { task_id: body.task_id, brand_id: body.brand_id },
        commit: (request) => deps.store.createImageTask(request, task),
      };
    },
  });
}

import { badParam } from '../../../domain/catalog/fail.js';
import { toRfc3339 } from '../../../domain/clock.js';
import { checkImageGeneration } from '../../../domain/image-generation.js';
import { ownImageOf } from '../../../domain/image-urls.js';
import type { CreateImageGenerationBodyT, ImageTaskKeyT } from '../../../schemas/image-generation.js';
import { checkBrandAuthorized } from '../../authorization.js';
import { answerOf, bindRequest, Conflicts, earlierAnswer, recordOf } from '../../catalog/requests.js';
import type { ServiceDeps } from '../../deps.js';

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
export async function createImageTask(
  deps: ServiceDeps,
  mchid: string,
  body: CreateImageGenerationBodyT,
  origin: string,
): Promise<ImageTaskKeyT> {
  checkImageGeneration(body);
  if (body.cut_out) await checkCutOutSource(deps, body.cut_out.image_url);
  await checkBrandAuthorized(deps, mchid, body.brand_id);
  const request = bindRequest(
    'createImageGenerationTask',
    mchid,
    body.brand_id,
    body.task_id,
    { body },
    Conflicts.imageGenerationTask,
  );
  const earlier = await earlierAnswer<ImageTaskKeyT>(deps, request);
  if (earlier) return earlier;
  const answer = { task_id: body.task_id, brand_id: body.brand_id };
  const now = deps.clock.now();
  const due = new Date(now.getTime() + (deps.sandbox ? SANDBOX_GENERATION_SECONDS * 1000 : 0));
  const result = await deps.store.createImageTask(recordOf(request, answer, toRfc3339(now)), {
    mchid,
    brandId: body.brand_id,
    taskId: body.task_id,
    type: body.image_generation_type,
    request: body,
    origin,
    state: 'PROCESSING',
    imageId: null,
    failReason: null,
    createdAt: toRfc3339(now),
    dueAt: toRfc3339(due),
    completedAt: null,
  });
  return answerOf(request, result, answer);
}

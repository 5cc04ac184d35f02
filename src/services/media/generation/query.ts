import { invalidRequest, Messages, notFound } from '../../../domain/errors.js';
import type { ImageGenerationTaskT, ImageTaskQueryT } from '../../../schemas/image-generation.js';
import { checkBrandAuthorized } from '../../authorization.js';
import type { ServiceDeps } from '../../deps.js';
import { taskView } from './view.js';

const TASK_NOT_FOUND = '未找到 task_id 对应的图片生成任务';
const TYPE_MISMATCH = 'image_generation_type 与提交图片生成任务时所传的类型不一致';

/**
 * 查询图片生成任务执行结果 (D-92): the brand's authorization, the task of this merchant and brand (`404` otherwise,
 * D-2), and the type it was submitted with. The image URL is answered on the origin of this request.
 */
export async function getImageTask(
  deps: ServiceDeps,
  mchid: string,
  taskId: string,
  query: ImageTaskQueryT,
  origin: string,
): Promise<ImageGenerationTaskT> {
  await checkBrandAuthorized(deps, mchid, query.brand_id);
  const task = await deps.store.getImageTask({ mchid, brandId: query.brand_id, taskId });
  if (!task) throw notFound(TASK_NOT_FOUND);
  if (task.type !== query.image_generation_type)
    throw invalidRequest(`${Messages.businessRule}：${TYPE_MISMATCH}`, {
      location: 'query',
      field: '/image_generation_type',
      value: query.image_generation_type,
      issue: TYPE_MISMATCH,
    });
  return taskView(task, origin);
}

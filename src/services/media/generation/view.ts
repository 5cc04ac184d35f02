import { mediaImagePath } from '../../../domain/media.js';
import type { ImageGenerationTaskT } from '../../../schemas/image-generation.js';
import type { ImageTaskRecord } from '../../../store/image-tasks.js';

const RESULT_OF = { COMBINE_IMAGE: 'combine_image_result', CUT_OUT: 'cut_out_result' } as const;

/** A task as the query and the callback show it: the result object of its type, only once `SUCCESS`. */
export function taskView(task: ImageTaskRecord, origin: string): ImageGenerationTaskT {
  const view: ImageGenerationTaskT = {
    brand_id: task.brandId,
    task_id: task.taskId,
    image_generation_type: task.type,
    task_state: task.state,
  };
  if (task.state === 'SUCCESS' && task.imageId)
    view[RESULT_OF[task.type]] = { image_url: `${origin}${mediaImagePath(task.imageId, 'png')}` };
  return view;
}

import type { ImageTaskKey, ImageTaskStore } from '../image-tasks.js';
import type { RequestRecords } from './requests.js';
import { insertNew, insertRecord, prepare, selectBy } from './statement.js';
import { type Engine, positional, readAll, readOne, run } from './work.js';

/** Image generation tasks (D-93), the same on both databases. */
export function typedImageTasks(e: Engine, requests: RequestRecords): ImageTaskStore {
  const { k } = e;
  const q = {
    insert: insertRecord(k, 'image_tasks'),
    due: prepare((a: { now: string; limit: number }) =>
      k
        .selectFrom('image_tasks')
        .selectAll()
        .where('state', '=', 'PROCESSING')
        .where('due_at', '<=', a.now)
        .orderBy('due_at')
        .limit(a.limit),
    ),
    end: prepare((a: ImageTaskKey & { state: string; imageId: string | null; failReason: string | null; at: string }) =>
      k
        .updateTable('image_tasks')
        .set({ state: a.state as 'SUCCESS', image_id: a.imageId, fail_reason: a.failReason, completed_at: a.at })
        .where('mchid', '=', a.mchid)
        .where('brand_id', '=', a.brandId)
        .where('task_id', '=', a.taskId)
        .where('state', '=', 'PROCESSING'),
    ),
    image: insertNew(k, 'media_images'),
    event: insertRecord(k, 'outbox'),
  };
  return {
    createImageTask: (request, task) =>
      requests.guarded(request, function* () {
        yield* run(q.insert, task);
      }),
    getImageTask: readOne(e, selectBy(k, 'image_tasks', 'mchid', 'brand_id', 'task_id'), e.records('image_tasks')),
    dueImageTasks: positional(readAll(e, q.due, e.records('image_tasks')), 'now', 'limit'),
    completeImageTask: (o) =>
      e.write(function* () {
        const ended = { ...o.key, state: o.state, imageId: o.image?.imageId ?? null, failReason: o.failReason };
        if ((yield* run(q.end, { ...ended, at: o.completedAt })) === 0) return false;
        if (o.image) yield* run(q.image, o.image);
        yield* run(q.event, o.event);
        return true;
      }),
  };
}

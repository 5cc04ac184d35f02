import type { Guarded, RequestRecord } from './catalog.js';
import type { OutboxEvent } from './issuance.js';
import type { MediaImageRecord } from './media.js';
import type { RecordFor } from './typed/records.js';

/** An image generation task (D-93), named by the merchant's `task_id` within its brand. */
export type ImageTaskRecord = RecordFor<'image_tasks'>;

export type ImageTaskKey = Pick<ImageTaskRecord, 'mchid' | 'brandId' | 'taskId'>;

/** How a task ended: the image it made (stored with it) or why it failed, and the callback announcing it. */
interface ImageTaskOutcome {
  key: ImageTaskKey;
  state: 'SUCCESS' | 'FAIL';
  image: MediaImageRecord | null;
  failReason: string | null;
  completedAt: string;
  event: OutboxEvent;
}

export interface ImageTaskStore {
  /** Binds the task id (D-5) and inserts the task in one transaction; a bound id changes nothing. */
  createImageTask(request: RequestRecord, task: ImageTaskRecord): Promise<Guarded<void>>;
  getImageTask(key: ImageTaskKey): Promise<ImageTaskRecord | null>;
  /** Up to `limit` tasks still `PROCESSING` whose due time is at or before `now`, earliest first. */
  dueImageTasks(now: string, limit: number): Promise<ImageTaskRecord[]>;
  /**
   * Ends a `PROCESSING` task in one transaction: stores its image (kept if the same bytes are), sets its state and
   * writes the callback to the outbox. False when the task had already ended (another instance finished it).
   */
  completeImageTask(outcome: ImageTaskOutcome): Promise<boolean>;
}

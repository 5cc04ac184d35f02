import type { ImageGenerationInput, ImageGenerationType, ImageTaskState } from '../domain/image-generation.js';
import type { Guarded, RequestRecord } from './catalog.js';
import type { OutboxEvent } from './issuance.js';
import type { MediaImageRecord } from './media.js';

/** An image generation task (D-93), named by the merchant's `task_id` within its brand. */
export interface ImageTaskRecord {
  mchid: string;
  brandId: string;
  taskId: string;
  type: ImageGenerationType;
  /** The request body, which says what to render. */
  request: ImageGenerationInput;
  /** The origin the task was submitted to: the callback's image URL is answered on it. */
  origin: string;
  state: ImageTaskState;
  /** The generated image (always PNG), once `SUCCESS`. */
  imageId: string | null;
  failReason: string | null;
  createdAt: string;
  /** When the task may complete (the test clock's time in the sandbox). */
  dueAt: string;
  completedAt: string | null;
}

export interface ImageTaskKey {
  mchid: string;
  brandId: string;
  taskId: string;
}

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

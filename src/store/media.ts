import type { RecordFor } from './typed/records.js';

/** An image coupond serves itself: uploaded through 图片上传 or rendered by an image generation task (D-90). */
export type MediaImageRecord = RecordFor<'media_images'>;

export interface MediaStore {
  /** Keeps the image unless the same bytes are kept already (the first record stays). */
  saveImage(image: MediaImageRecord): Promise<void>;
  getImage(imageId: string): Promise<MediaImageRecord | null>;
  /** Which of the ids are stored. */
  storedImageIds(imageIds: string[]): Promise<string[]>;
}

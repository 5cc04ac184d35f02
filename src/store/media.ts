import type { ImageType } from '../domain/media.js';

/** An image coupond serves itself: uploaded through 图片上传 or rendered by an image generation task (D-90). */
export interface MediaImageRecord {
  /** The SHA-256 of the bytes in lower-case hex: the same bytes are one image, whoever stored them. */
  imageId: string;
  type: ImageType;
  size: number;
  bytes: Buffer;
  /** The merchant that stored the bytes first. */
  mchid: string;
  createdAt: string;
}

export interface MediaStore {
  /** Keeps the image unless the same bytes are kept already (the first record stays). */
  saveImage(image: MediaImageRecord): Promise<void>;
  getImage(imageId: string): Promise<MediaImageRecord | null>;
  /** Which of the ids are stored. */
  storedImageIds(imageIds: string[]): Promise<string[]>;
}

import { toRfc3339 } from '../../domain/clock.js';
import { checkUploadedImage, mediaImagePath } from '../../domain/media.js';
import type { ServiceDeps } from '../deps.js';

export interface UploadedFile {
  bytes: Buffer;
  truncated: boolean;
}

/**
 * 图片上传: keeps a PNG, JPEG or BMP of at most 2 MiB whose digest `meta` announced, and answers the URL coupond
 * serves it at on `origin` (D-90). The same bytes uploaded again answer the same URL.
 */
export async function uploadImage(
  deps: ServiceDeps,
  mchid: string,
  meta: { filename: string; sha256: string },
  file: UploadedFile | undefined,
  origin: string,
) {
  const { bytes, type, imageId } = checkUploadedImage(file, meta);
  await deps.store.saveImage({
    imageId,
    type,
    size: bytes.length,
    bytes,
    mchid,
    createdAt: toRfc3339(deps.clock.now()),
  });
  return { image_url: `${origin}${mediaImagePath(imageId, type)}` };
}

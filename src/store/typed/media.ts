import type { MediaStore } from '../media.js';
import { compiled, insertNew } from './statement.js';
import { all, type Engine, recordBy, writes } from './work.js';

/** Stored images (D-90), the same on both databases. */
export function typedMedia(e: Engine): MediaStore {
  const { k } = e;
  const stored = (imageIds: string[]) =>
    compiled(k.selectFrom('media_images').select('image_id').where('image_id', 'in', imageIds));
  return {
    saveImage: writes(e, insertNew(k, 'media_images')),
    getImage: recordBy(e, 'media_images', 'image_id'),
    storedImageIds: async (imageIds) => {
      if (imageIds.length === 0) return [];
      return e.read(function* () {
        return (yield* all(stored(imageIds), undefined)).map((r) => r.image_id);
      });
    },
  };
}

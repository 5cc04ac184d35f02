import type { MediaStore } from '../media.js';
import { compiled, insertRecord, prepare } from './statement.js';
import { all, type Engine, readOne } from './work.js';

/** Stored images (D-90), the same on both databases. */
export function typedMedia(e: Engine): MediaStore {
  const { k } = e;
  const toImage = e.records('media_images');
  const q = {
    insert: insertRecord(k, 'media_images', (i) => i.onConflict((oc) => oc.column('image_id').doNothing())),
    get: prepare((a: { imageId: string }) =>
      k.selectFrom('media_images').selectAll().where('image_id', '=', a.imageId),
    ),
    stored: (imageIds: string[]) =>
      compiled(k.selectFrom('media_images').select('image_id').where('image_id', 'in', imageIds)),
  };
  const getImage = readOne(e, q.get, toImage);
  return {
    saveImage: async (image) => {
      await e.change(q.insert, image);
    },
    getImage: (imageId) => getImage({ imageId }),
    storedImageIds: async (imageIds) => {
      if (imageIds.length === 0) return [];
      return e.read(function* () {
        return (yield* all(q.stored(imageIds), undefined)).map((r) => r.image_id);
      });
    },
  };
}

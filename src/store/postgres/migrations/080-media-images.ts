import type { Migration } from '../../migration.js';

/** Images coupond serves itself (D-90), in the database every instance shares. */
export const mediaImages: Migration = {
  version: 80,
  name: 'media-images',
  sql: `
CREATE TABLE media_images (
  image_id TEXT PRIMARY KEY, type TEXT NOT NULL CHECK (type IN ('png', 'jpeg', 'bmp')),
  size INTEGER NOT NULL CHECK (size > 0), bytes BYTEA NOT NULL, mchid TEXT NOT NULL, created_at TEXT NOT NULL
);
`,
};

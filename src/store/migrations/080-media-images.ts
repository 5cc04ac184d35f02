import type { SchemaChange } from '../migration.js';

/** Images coupond serves itself (D-90), in the database: the data folder's file, or the one every instance shares. */
export const mediaImages: SchemaChange = {
  version: 80,
  name: 'media-images',
  sql: (d) => `
CREATE TABLE media_images (
  image_id TEXT PRIMARY KEY, type TEXT NOT NULL CHECK (type IN ('png', 'jpeg', 'bmp')),
  size INTEGER NOT NULL CHECK (size > 0), bytes ${d.pick('BLOB', 'BYTEA')} NOT NULL, mchid TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
};

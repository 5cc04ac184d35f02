import type { SchemaChange } from '../migration.js';

/** Image generation tasks (D-93): pending ones are found by due time, so a restart resumes them. */
export const imageTasks: SchemaChange = {
  version: 81,
  name: 'image-tasks',
  sql: (d) => `
CREATE TABLE image_tasks (
  mchid TEXT NOT NULL, brand_id TEXT NOT NULL, task_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('COMBINE_IMAGE', 'CUT_OUT')), request ${d.json} NOT NULL, origin TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('PROCESSING', 'SUCCESS', 'FAIL')), image_id TEXT, fail_reason TEXT,
  created_at TEXT NOT NULL, due_at TEXT NOT NULL, completed_at TEXT,
  PRIMARY KEY (mchid, brand_id, task_id),
  CHECK ((state = 'SUCCESS') = (image_id IS NOT NULL))
);
CREATE INDEX image_tasks_due ON image_tasks (due_at) WHERE state = 'PROCESSING';
`,
};

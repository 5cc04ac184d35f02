import { toRfc3339 } from '../../../domain/clock.js';
import type { ServiceDeps } from '../../deps.js';
import { PeriodicJob } from '../../periodic.js';
import { finishTask } from './finish.js';

const BATCH = 8;

/**
 * The image generation job (D-93): every second, after the test clock moves and after each new task, it finishes
 * the tasks that are due, earliest first. Pending tasks are rows of the database, so a restart resumes them; two
 * instances that render the same task make the same bytes, and only the first to end it writes the callback.
 */
export class ImageTaskRunner extends PeriodicJob {
  constructor(deps: ServiceDeps, onError?: (error: unknown, where: string) => void, intervalMs = 1_000) {
    const report = (error: unknown) => onError?.(error, 'image generation');
    super(() => finishDue(deps, report), intervalMs, 'image generation', onError);
  }
}

async function finishDue(deps: ServiceDeps, onError: (error: unknown) => void): Promise<void> {
  for (;;) {
    const due = await deps.store.dueImageTasks(toRfc3339(deps.clock.now()), BATCH);
    for (const task of due) await finishTask(deps, task, onError);
    if (due.length < BATCH) return;
  }
}

import type { Clock } from '../../domain/clock.js';
import { Dispatcher, type PlatformSigner } from '../../notify/index.js';
import { notifyTargetsOf, type ServiceDeps } from '../deps.js';
import { ImageTaskRunner } from '../media/generation/runner.js';
import { ExpirySweeper } from './expiry.js';

/** The background work of a server process: callback delivery, the expiry sweep and image generation (D-93). */
export interface LifecycleJobs {
  dispatcher: Dispatcher;
  sweeper: ExpirySweeper;
  images: ImageTaskRunner;
  /** All notice a moved test clock at once rather than at their next interval. */
  clockMoved(): Promise<void>;
  stop(): Promise<void>;
}

export function startLifecycleJobs(
  deps: ServiceDeps,
  wireClock: Clock,
  platform: PlatformSigner,
  options: {
    run?: boolean;
    onError?: (error: unknown, where: string) => void;
    onAttempt?: (state: 'DELIVERED' | 'FAILED' | 'PENDING' | 'RETRY', lagSeconds: number) => void;
  } = {},
): LifecycleJobs {
  const { run = true, onError, onAttempt } = options;
  const dispatcher = new Dispatcher({
    store: deps.store,
    clock: deps.clock,
    wireClock,
    ids: deps.ids,
    platform,
    targets: notifyTargetsOf(deps),
    ...(onError ? { onError } : {}),
    ...(onAttempt ? { onAttempt } : {}),
  });
  const sweeper = new ExpirySweeper(deps.store, deps.clock, undefined, onError);
  const images = new ImageTaskRunner(deps, onError);
  if (run) {
    dispatcher.start();
    sweeper.start();
    images.start();
  }
  return {
    dispatcher,
    sweeper,
    images,
    async clockMoved() {
      dispatcher.wake();
      await Promise.all([sweeper.run(), images.run()]);
      // Callbacks of the tasks that just ended.
      dispatcher.wake();
    },
    async stop() {
      await Promise.all([dispatcher.stop(), sweeper.stop(), images.stop()]);
    },
  };
}

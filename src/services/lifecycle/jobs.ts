import type { Clock } from '../../domain/clock.js';
import { Dispatcher, type PlatformSigner } from '../../notify/index.js';
import { notifyTargetsOf, type ServiceDeps } from '../deps.js';
import { ExpirySweeper } from './expiry.js';

/** The background work of a server process: callback delivery and the expiry sweep. */
export interface LifecycleJobs {
  dispatcher: Dispatcher;
  sweeper: ExpirySweeper;
  /** Both notice a moved test clock at once rather than at their next interval. */
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
  if (run) {
    dispatcher.start();
    sweeper.start();
  }
  return {
    dispatcher,
    sweeper,
    async clockMoved() {
      dispatcher.wake();
      await sweeper.run();
    },
    async stop() {
      await Promise.all([dispatcher.stop(), sweeper.stop()]);
    },
  };
}

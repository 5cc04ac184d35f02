import type { Clock } from '../../domain/clock.js';
import type { Store } from '../../store/port.js';
import { PeriodicJob } from '../periodic.js';

const BATCH = 500;

/**
 * Persists the time-driven state moves that reads already apply (`stateAt`, D-14, D-109): PENDING → EFFECTIVE at the
 * begin time, PENDING/EFFECTIVE → EXPIRED after the end time. Runs on an interval and on demand (after the sandbox
 * clock moves); no read waits for it.
 */
export class ExpirySweeper extends PeriodicJob {
  constructor(store: Store, clock: Clock, intervalMs = 5_000, onError?: (error: unknown, where: string) => void) {
    super(() => sweep(store, clock), intervalMs, 'expiry sweep', onError);
  }
}

async function sweep(store: Store, clock: Clock): Promise<void> {
  for (;;) {
    const { expired, activated } = await store.advanceCouponStates(clock.now(), BATCH);
    if (expired < BATCH && activated < BATCH) return;
  }
}

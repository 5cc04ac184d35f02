import type { Clock } from '../../domain/clock.js';
import type { Store } from '../../store/port.js';

const BATCH = 500;

/**
 * Persists the time-driven state moves that reads already apply (`stateAt`, D-14, D-109): PENDING → EFFECTIVE at the
 * begin time, PENDING/EFFECTIVE → EXPIRED after the end time. Runs on an interval and on demand (after the sandbox
 * clock moves); no read waits for it. A call made while a sweep runs gets the next sweep, which every such call shares.
 */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly intervalMs = 5_000,
    private readonly onError?: (error: unknown, where: string) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.onError?.(error, 'expiry sweep'));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await (this.queued ?? this.current)?.catch(() => undefined);
  }

  run(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.current) {
      this.queued = this.current
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.run();
        });
      return this.queued;
    }
    this.current = this.sweep().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private async sweep(): Promise<void> {
    for (;;) {
      const { expired, activated } = await this.store.advanceCouponStates(this.clock.now(), BATCH);
      if (expired < BATCH && activated < BATCH) return;
    }
  }
}

/**
 * Background work that runs on an interval and on demand. A call made while a run is going gets the next run, which
 * every such call shares, so demands never pile up and none is lost.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly where: string,
    private readonly onError?: (error: unknown, where: string) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.onError?.(error, this.where));
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
    this.current = this.work().finally(() => {
      this.current = null;
    });
    return this.current;
  }
}

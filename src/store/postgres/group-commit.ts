import type { BatchTally } from '../batch-tally.js';

interface Pending<C, R> {
  command: C;
  attempts: number;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** What one command of a batch came to: a result, a reason to run it again, or an error for its caller alone. */
export type BatchOutcome<R> = { ok: R } | { retry: string } | { error: Error };

export interface GroupCommitOptions {
  /** Commands per call; default 64. */
  maxBatch?: number;
  /** Calls in flight at once; default 1, so what arrives meanwhile makes the next call larger (D-129). */
  maxInFlight?: number;
  /** Runs of one command that keeps coming back `retry` (deadlock victim, serialization failure); default 5. */
  maxAttempts?: number;
  /** Where each call is counted, under the committer's kind (D-131). */
  tally?: BatchTally;
}

/** Commands per call and calls in flight unless configured (`--db-batch-size`, `--db-batches-in-flight`). */
export const GROUP_COMMIT_DEFAULTS = { maxBatch: 64, maxInFlight: 1 };

/**
 * Group commit for PostgreSQL (D-51): commands submitted while earlier calls are in flight are gathered into one
 * call of `run`, which returns one outcome per command in order. A command's refusal or error reaches its own
 * caller only. When the whole call fails, every command of it gets the error.
 */
export class PgGroupCommit<C, R> {
  private queue: Pending<C, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly maxAttempts: number;
  private readonly tally: BatchTally | undefined;

  /** `kind` names the calls in the tally: `issue`, `nonce`, `token-read`, … */
  constructor(
    private readonly kind: string,
    private readonly run: (commands: C[]) => Promise<BatchOutcome<R>[]>,
    options: GroupCommitOptions = {},
  ) {
    this.tally = options.tally;
    this.maxBatch = options.maxBatch ?? GROUP_COMMIT_DEFAULTS.maxBatch;
    this.maxInFlight = options.maxInFlight ?? GROUP_COMMIT_DEFAULTS.maxInFlight;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  submit(command: C): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.enqueue({ command, attempts: 0, resolve, reject });
    });
  }

  private enqueue(p: Pending<C, R>): void {
    this.queue.push(p);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending<C, R>[]): Promise<void> {
    for (const p of batch) p.attempts += 1;
    this.tally?.record(this.kind, batch.length);
    let outcomes: BatchOutcome<R>[];
    try {
      outcomes = await this.run(batch.map((p) => p.command));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const [n, p] of batch.entries()) {
      const o = outcomes[n];
      if (o === undefined) p.reject(new Error('the batch call returned fewer outcomes than commands'));
      else if ('ok' in o) p.resolve(o.ok);
      else if ('error' in o) p.reject(o.error);
      else if (p.attempts >= this.maxAttempts) p.reject(new Error(`gave up after ${p.attempts} attempts: ${o.retry}`));
      else this.queue.push(p);
    }
  }
}

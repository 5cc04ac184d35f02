import type { BatchTally } from '../batch-tally.js';
import type { SqliteDb } from './database.js';

interface Pending {
  unit: () => unknown;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs every unit submitted in the same turn of the event loop inside one `BEGIN IMMEDIATE … COMMIT`, each in
 * its own savepoint, so many concurrent writes share one fsync while each still rolls back alone.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly savepoint: (unit: () => unknown) => unknown;

  constructor(
    private readonly db: SqliteDb,
    private readonly tally?: BatchTally,
    private readonly maxBatch = 256,
  ) {
    this.savepoint = db.transaction((unit: () => unknown) => unit());
  }

  submit<R>(unit: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ unit, resolve: resolve as (result: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.tally?.record('write', batch.length);
      let results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[];
      try {
        results = this.db
          .transaction(() =>
            batch.map((p) => {
              try {
                return { ok: true as const, value: this.savepoint(p.unit) };
              } catch (error) {
                return { ok: false as const, error };
              }
            }),
          )
          .immediate();
      } catch (error) {
        for (const p of batch) p.reject(error);
        continue;
      }
      for (const [i, r] of results.entries()) {
        if (r.ok) batch[i]!.resolve(r.value);
        else batch[i]!.reject(r.error);
      }
    }
  }
}

import type { SqliteDb } from './database.js';

interface Pending<C, R> {
  command: C;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs every unit submitted in the same turn of the event loop inside one `BEGIN IMMEDIATE … COMMIT`, each in
 * its own savepoint, so many concurrent issuances share one fsync while each still rolls back alone.
 */
export class GroupCommit<C, R> {
  private queue: Pending<C, R>[] = [];
  private scheduled = false;

  constructor(
    private readonly db: SqliteDb,
    private readonly unit: (command: C) => R,
    private readonly maxBatch = 256,
  ) {}

  submit(command: C): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ command, resolve, reject });
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
      const savepoint = this.db.transaction((command: C) => this.unit(command));
      let results: ({ ok: true; value: R } | { ok: false; error: unknown })[];
      try {
        results = this.db
          .transaction(() =>
            batch.map((p) => {
              try {
                return { ok: true as const, value: savepoint(p.command) };
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

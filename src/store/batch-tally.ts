/** Group-committed calls of one kind so far, and the commands they carried (D-51, D-131). */
export interface BatchCount {
  calls: number;
  commands: number;
}

/** Counts every group-committed database call by kind, so an operator sees how full the batches run. */
export class BatchTally {
  private readonly counts = new Map<string, BatchCount>();

  record(kind: string, commands: number): void {
    const count = this.counts.get(kind) ?? { calls: 0, commands: 0 };
    count.calls += 1;
    count.commands += commands;
    this.counts.set(kind, count);
  }

  snapshot(): Record<string, BatchCount> {
    return Object.fromEntries([...this.counts].map(([kind, c]) => [kind, { ...c }]));
  }
}

/** What the servers' group commits did, from their `/metrics` (D-131): database calls and requests, by kind. */
export type BatchTotals = Map<string, { calls: number; commands: number }>;

const SAMPLE = /^coupond_db_(batches|batched_commands)_total\{kind="([^"]+)"\} (\d+)$/gm;

/** The group-commit counters of every server in `addresses`, added up. */
export async function batchTotals(addresses: string[]): Promise<BatchTotals> {
  const totals: BatchTotals = new Map();
  for (const address of addresses) {
    const text = await (await fetch(`${address}/metrics`)).text();
    for (const [, which, kind, value] of text.matchAll(SAMPLE)) {
      const t = totals.get(kind!) ?? { calls: 0, commands: 0 };
      t[which === 'batches' ? 'calls' : 'commands'] += Number(value);
      totals.set(kind!, t);
    }
  }
  return totals;
}

/** "issue 31.7 per call (446 calls), …": requests per call between two readings. */
export function describeBatches(before: BatchTotals, after: BatchTotals): string {
  return [...after]
    .map(([kind, a]) => {
      const b = before.get(kind) ?? { calls: 0, commands: 0 };
      const calls = a.calls - b.calls;
      return calls > 0 ? `${kind} ${((a.commands - b.commands) / calls).toFixed(1)} (${calls} calls)` : '';
    })
    .filter(Boolean)
    .join(', ');
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { presendBody, SEND } from '../issuance/helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

/** `coupond_db_<name>{kind="…"}` of one scrape, by kind. */
function byKind(metrics: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of metrics.matchAll(new RegExp(`^coupond_db_${name}\\{kind="([^"]+)"\\} (\\d+)$`, 'gm')))
    found.set(m[1]!, Number(m[2]));
  return found;
}

const scrape = async () => (await fetch(`${c.baseURL}metrics`)).text();

describe('group commit metrics (D-131)', () => {
  it('count every batched database call and the requests it carried, and concurrent sends share calls', async () => {
    const s = await seedBundle(c);
    const before = await scrape();
    const sends = 24;
    const answers = await Promise.all(
      Array.from({ length: sends }, (_, i) =>
        c.send('POST', SEND(`o-batch-${i}`), presendBody(c, s, `BATCH_${String(i).padStart(6, '0')}`)),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(sends).fill(200));
    const after = await scrape();
    const kind = c.store.kind === 'postgres' ? 'issue' : 'write';
    const delta = (name: string) => (byKind(after, name).get(kind) ?? 0) - (byKind(before, name).get(kind) ?? 0);
    const calls = delta('batches_total');
    const commands = delta('batched_commands_total');
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(commands);
    if (kind === 'issue') expect(commands).toBe(sends);
    else expect(commands).toBeGreaterThanOrEqual(sends);
    expect(after).toMatch(/# HELP coupond_db_batches_total Group-committed database calls by kind/);
  });
});

/**
 * The issuance transaction alone (no HTTP): µs per claim when each claim commits by itself and when 100 share a
 * commit (group commit), with synchronous=FULL and NORMAL. Run: `npm run bench:store`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { createCatalog } from '../test/fixtures/catalog.js';
import { issueCommand } from '../test/store/contract/fixtures.js';

const CLAIMS = 20_000;

for (const synchronous of ['FULL', 'NORMAL'] as const) {
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'coupond-tx-')), 'coupond.db'), { synchronous });
  const { stocks } = await createCatalog(store, { maxCount: 100_000_000 });
  for (const batch of [1, 100]) {
    const commands = Array.from({ length: CLAIMS }, () => issueCommand(stocks));
    const started = performance.now();
    for (let i = 0; i < CLAIMS; i += batch)
      await Promise.all(commands.slice(i, i + batch).map((c) => store.issueBundle(c)));
    const ms = performance.now() - started;
    process.stdout.write(
      `synchronous=${synchronous} claims per commit=${String(batch).padStart(3)}  ${((ms * 1000) / CLAIMS).toFixed(1)} µs/claim  ${Math.round(CLAIMS / (ms / 1000))} claims/s\n`,
    );
  }
  await store.close();
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalog, issueCommand } from '../src/store/contract/fixtures.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';

for (const sync of ['FULL', 'NORMAL'] as const) {
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'tx-')), 'db'), { synchronous: sync });
  const f = await createCatalog(store, { maxCount: 100_000_000 });
  for (const batch of [1, 100]) {
    const n = 20000;
    const cmds = Array.from({ length: n }, () => issueCommand(f.stocks));
    const t0 = performance.now();
    for (let i = 0; i < n; i += batch) await Promise.all(cmds.slice(i, i + batch).map((c) => store.issueBundle(c)));
    const ms = performance.now() - t0;
    console.log(sync, 'batch', batch, ((ms * 1000) / n).toFixed(1), 'µs/claim', Math.round(n / (ms / 1000)), '/s');
  }
}

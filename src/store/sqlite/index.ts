import { BatchTally } from '../batch-tally.js';
import type { Store } from '../port.js';
import { typedStore } from '../typed/store.js';
import { openSqlite, type SqliteOptions } from './database.js';
import { sqliteEngine } from './engine.js';
import { sqliteIssuer } from './issue.js';
import { sqliteUse } from './lifecycle.js';
import { sqliteNonces } from './nonces.js';
import { sqliteLeases } from './outbox-leases.js';
import { SQLITE_MIN_FREE_BYTES, sqliteReadiness } from './readiness.js';
import { rememberOwnedTenancy } from './tenancy-cache.js';

/** The embedded store: one process owns the database file, replay nonces included (D-43). */
export function createSqliteStore(path: string, options: SqliteOptions = {}): Store {
  const db = openSqlite(path, options);
  const tally = new BatchTally();
  const engine = sqliteEngine(db, tally);
  const { lifecycle, methods } = typedStore(engine);
  const ready = sqliteReadiness(db, path, options.minFreeBytes ?? SQLITE_MIN_FREE_BYTES);
  return {
    kind: 'sqlite',
    ...rememberOwnedTenancy(methods),
    issueBundle: sqliteIssuer(db, engine),
    useUserCoupon: sqliteUse(db, engine, lifecycle),
    claimDueEvents: sqliteLeases(engine),
    rememberNonce: sqliteNonces(db, engine.batch),
    batchCounts: () => tally.snapshot(),
    async ping() {
      ready();
    },
    async close() {
      db.close();
    },
  };
}

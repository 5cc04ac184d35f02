import type { Store } from '../port.js';
import { typedBudget } from '../typed/budget.js';
import { catalogQueries } from '../typed/catalog.js';
import { catalogWrites } from '../typed/catalog-writes.js';
import { typedConsole } from '../typed/console.js';
import { couponCodeWrites } from '../typed/coupon-codes.js';
import { typedImageTasks } from '../typed/image-tasks.js';
import { typedIssuance } from '../typed/issuance.js';
import { typedMedia } from '../typed/media.js';
import { typedOutbox } from '../typed/outbox.js';
import { requestRecords } from '../typed/requests.js';
import { typedStores } from '../typed/stores.js';
import { typedTenants } from '../typed/tenants.js';
import { openSqlite, type SqliteOptions } from './database.js';
import { sqliteEngine } from './engine.js';
import { sqliteIssuer } from './issue.js';
import { sqliteLifecycle } from './lifecycle.js';
import { sqliteNonces } from './nonces.js';
import { sqliteLeases } from './outbox-leases.js';
import { SQLITE_MIN_FREE_BYTES, sqliteReadiness } from './readiness.js';
import { rememberOwnedTenancy } from './tenancy-cache.js';

/** The embedded store: one process owns the database file, replay nonces included (D-43). */
export function createSqliteStore(path: string, options: SqliteOptions = {}): Store {
  const db = openSqlite(path, options);
  const engine = sqliteEngine(db);
  const requests = requestRecords(engine);
  const ready = sqliteReadiness(db, path, options.minFreeBytes ?? SQLITE_MIN_FREE_BYTES);
  return {
    kind: 'sqlite',
    ...rememberOwnedTenancy(typedTenants(engine)),
    ...catalogQueries(engine),
    ...catalogWrites(engine, requests),
    ...couponCodeWrites(engine, requests),
    ...typedBudget(engine, requests),
    ...typedStores(engine),
    ...typedIssuance(engine),
    issueBundle: sqliteIssuer(db, engine),
    ...sqliteLifecycle(db, engine, requests),
    ...typedOutbox(engine, sqliteLeases(engine)),
    ...typedConsole(engine),
    ...typedMedia(engine),
    ...typedImageTasks(engine, requests),
    rememberNonce: sqliteNonces(db, engine.batch),
    async ping() {
      ready();
    },
    async close() {
      db.close();
    },
  };
}

import type { Store } from '../port.js';
import { typedTenants } from '../typed/tenants.js';
import { sqliteCatalog } from './catalog.js';
import { sqliteConsole } from './console.js';
import { openSqlite, type SqliteOptions } from './database.js';
import { sqliteEngine } from './engine.js';
import { sqliteIssuance } from './issuance.js';
import { sqliteLifecycle } from './lifecycle.js';
import { sqliteNonces } from './nonces.js';
import { rememberOwnedTenancy } from './tenancy-cache.js';

/** The embedded store: one process owns the database file, replay nonces included (D-43). */
export function createSqliteStore(path: string, options: SqliteOptions = {}): Store {
  const db = openSqlite(path, options);
  const engine = sqliteEngine(db);
  return {
    kind: 'sqlite',
    ...rememberOwnedTenancy(typedTenants(engine)),
    ...sqliteCatalog(db),
    ...sqliteIssuance(db, engine),
    ...sqliteLifecycle(db, engine),
    ...sqliteConsole(db),
    rememberNonce: sqliteNonces(db, engine.batch),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      db.close();
    },
  };
}

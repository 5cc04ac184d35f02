import type { Store } from '../port.js';
import { catalogQueries } from '../typed/catalog.js';
import { catalogWrites } from '../typed/catalog-writes.js';
import { requestRecords } from '../typed/requests.js';
import { typedTenants } from '../typed/tenants.js';
import { postgresBudget } from './budget.js';
import { postgresConsole } from './console.js';
import { openDatabase, type PostgresOptions } from './database.js';
import { postgresEngine } from './engine.js';
import { postgresIssuance } from './issuance.js';
import { postgresLifecycle } from './lifecycle.js';
import { migrate } from './migrate.js';
import { postgresNonces } from './nonces.js';

export type { PostgresOptions } from './database.js';

/**
 * The shared store: any number of stateless instances use one database. Migrations run at start-up under an
 * advisory lock, so instances starting together apply them once.
 */
export async function createPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const db = openDatabase(url, options);
  try {
    await migrate(db);
  } catch (error) {
    await db.pool.end();
    throw error;
  }
  const engine = postgresEngine(db);
  const requests = requestRecords(engine);
  const catalog = catalogQueries(engine);
  return {
    kind: 'postgres',
    ...typedTenants(engine),
    ...catalog.reads,
    ...catalogWrites(engine, requests),
    ...postgresBudget(engine, requests),
    ...postgresIssuance(db),
    ...postgresLifecycle(db),
    ...postgresConsole(db),
    rememberNonce: postgresNonces(db),
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      await db.pool.end();
    },
  };
}

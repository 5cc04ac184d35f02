import { BatchTally } from '../batch-tally.js';
import type { Store } from '../port.js';
import { typedStore } from '../typed/store.js';
import { storeCache } from './cache/cached-store.js';
import { type Listener, listen } from './cache/listener.js';
import { type Database, openDatabase, type PostgresOptions } from './database.js';
import { postgresEngine } from './engine.js';
import type { GroupCommitOptions } from './group-commit.js';
import { issuanceLookups } from './issuance.js';
import { pgIssuer } from './issue.js';
import { useInOneCall } from './lifecycle-use.js';
import { migrate } from './migrate.js';
import { postgresNonces } from './nonces.js';
import { postgresLeases } from './outbox-leases.js';
import { pgTokenInserter } from './token-inserts.js';

export interface PostgresStoreOptions extends PostgresOptions {
  /** Per-instance caches invalidated by LISTEN/NOTIFY (D-52); default true. */
  cache?: boolean;
  /** Batch size and calls in flight of the issuance and token group commits (D-51, D-54). */
  groupCommit?: Pick<GroupCommitOptions, 'maxBatch' | 'maxInFlight'>;
}

/** Caches in front of `store`, fed by a LISTEN connection of their own. */
async function cacheLayer(url: string, db: Database, store: Store): Promise<{ store: Store; listener: Listener }> {
  const [row] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
  let cache: ReturnType<typeof storeCache> | undefined;
  const listener = await listen({ connectionString: url }, `coupond_cache.${db.schema ?? row!.schema}`, {
    message: (table) => cache?.invalidate(table),
    reset: () => cache?.reset(),
  });
  cache = storeCache(listener);
  return { store: cache.wrap(store), listener };
}

/**
 * The shared store: any number of stateless instances use one database. Migrations run at start-up under an
 * advisory lock, so instances starting together apply them once.
 */
export async function createPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const db = openDatabase(url, options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const engine = postgresEngine(db);
  const { methods } = typedStore(engine);
  const tally = new BatchTally();
  const groupCommit = { ...options.groupCommit, tally };
  const store: Store = {
    kind: 'postgres',
    ...methods,
    // Gathered across concurrent requests (D-51, D-54, D-58).
    insertToken: pgTokenInserter(db, groupCommit),
    ...issuanceLookups(db, groupCommit),
    issueBundle: pgIssuer(db, groupCommit),
    useUserCoupon: (request, command) => useInOneCall(db, request, command),
    claimDueEvents: postgresLeases(engine),
    rememberNonce: postgresNonces(db, 64, groupCommit),
    batchCounts: () => tally.snapshot(),
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      await db.close();
    },
  };
  if (options.cache === false) return store;
  const cached = await cacheLayer(url, db, store);
  return {
    ...cached.store,
    async close() {
      await cached.listener.close();
      await store.close();
    },
  };
}

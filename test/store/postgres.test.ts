import { describe } from 'vitest';
import { runStoreContract } from './contract.js';
import { openTestStore, postgresReachable } from './postgres-database.js';

describe.skipIf(!(await postgresReachable()))('postgres', () => {
  runStoreContract('postgres', () => openTestStore());
});

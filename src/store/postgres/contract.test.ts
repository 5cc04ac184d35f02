import { describe } from 'vitest';
import { runStoreContract } from '../contract.js';
import { openTestStore, postgresReachable } from './test-database.test-helper.js';

describe.skipIf(!(await postgresReachable()))('postgres', () => {
  runStoreContract('postgres', () => openTestStore());
});

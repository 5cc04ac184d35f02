import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { TestClock } from '../../src/domain/clock.js';
import { randomIds } from '../../src/domain/ids.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import type { Store } from '../../src/store/port.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { dropSchema, postgresReachable, randomSchema, TEST_DATABASE_URL } from '../store/postgres-database.js';

const dir = mkdtempSync(join(tmpdir(), 'coupond-clock-'));
const schema = randomSchema();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (await postgresReachable()) await dropSchema(schema);
});

/** One server lifetime on the store `open()` gives: `act` runs against it, then server and store close. */
async function lifetime<T>(open: () => Promise<Store>, act: (call: Call) => Promise<T>): Promise<T> {
  const store = await open();
  const { adminToken } = await bootstrap({ store, clock: new TestClock(), ids: randomIds, sandbox: true });
  const { server } = await buildApp({ store, clock: new TestClock(), sandbox: true, logLevel: 'silent' });
  const call: Call = async (method, path, payload) => {
    const res = await server.inject({
      method,
      url: `/sandbox/v1/clock${path}`,
      headers: { authorization: `Bearer ${adminToken}` },
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { now: string; frozen: boolean };
  };
  try {
    return await act(call);
  } finally {
    await server.close();
    await store.close();
  }
}
type Call = (method: 'GET' | 'POST', path: string, payload?: object) => Promise<{ now: string; frozen: boolean }>;

const adapters: [string, () => Promise<Store>, boolean][] = [
  ['sqlite', async () => createSqliteStore(join(dir, 'coupond.db')), true],
  ['postgres', () => createPostgresStore(TEST_DATABASE_URL, { schema }), await postgresReachable()],
];

describe.each(adapters)('the sandbox test clock across a restart on %s (D-34)', (_name, open, reachable) => {
  it.skipIf(!reachable)('a frozen time, then an advanced one, then a reset survive restarts', async () => {
    await lifetime(open, (call) => call('POST', '/freeze', { at: '2031-05-06T07:08:09+08:00' }));
    expect(await lifetime(open, (call) => call('GET', ''))).toEqual({ now: '2031-05-06T07:08:09+08:00', frozen: true });

    await lifetime(open, (call) => call('POST', '/advance', { seconds: 86_400 }));
    expect(await lifetime(open, (call) => call('GET', ''))).toEqual({ now: '2031-05-07T07:08:09+08:00', frozen: true });

    await lifetime(open, (call) => call('POST', '/reset'));
    const after = await lifetime(open, (call) => call('GET', ''));
    expect(after.frozen).toBe(false);
    expect(Math.abs(Date.parse(after.now) - Date.now())).toBeLessThan(5000);
  });

  it.skipIf(!reachable)('an advanced running clock stays ahead of real time by the same amount', async () => {
    await lifetime(open, (call) => call('POST', '/reset'));
    await lifetime(open, (call) => call('POST', '/advance', { seconds: 3600 }));
    const after = await lifetime(open, (call) => call('GET', ''));
    expect(after.frozen).toBe(false);
    expect(Math.abs(Date.parse(after.now) - Date.now() - 3_600_000)).toBeLessThan(5000);
  });
});

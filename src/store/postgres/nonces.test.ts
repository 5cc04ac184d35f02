import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresReachable } from '../../../test/store/postgres-database.js';
import { postgresNonces } from './nonces.js';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

describe.skipIf(!(await postgresReachable()))('postgres nonces', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  const rows = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM nonces'))[0]!.n;
  const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 0, 0, seconds));

  it('expired nonces are pruned in bounded batches while live ones stay', async () => {
    const remember = postgresNonces(t.db, 10);
    for (let i = 0; i < 40; i++) await remember('m', `old-${i}`, at(0), at(1));
    expect(await rows()).toBe(40);
    for (let i = 0; i < 10; i++) await remember('m', `live-${i}`, at(100), at(400));
    expect(await rows()).toBe(10);
    expect(await remember('m', 'live-3', at(101), at(401))).toBe(false);
  });

  it('two instances share the replay window', async () => {
    const a = postgresNonces(t.db);
    const b = postgresNonces(t.db);
    expect(await a('m2', 'n', at(0), at(300))).toBe(true);
    expect(await b('m2', 'n', at(1), at(301))).toBe(false);
  });
});

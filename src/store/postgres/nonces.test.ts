import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresReachable } from '../../../test/store/postgres-database.js';
import { PRUNE, postgresNonces } from './nonces.js';

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

  it('pruning finds expired nonces through the expiry index, not by reading the whole window', async () => {
    // A fresh table has no statistics (autovacuum may be off): the plan must not depend on them.
    await t.db.query(
      `INSERT INTO nonces (mchid, nonce, expires_at) SELECT 'live', 'n' || g, $1 FROM generate_series(1, 5000) g`,
      [at(900)],
    );
    const [plan] = await t.db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${PRUNE}`, [at(0)]);
    const text = JSON.stringify(plan!['QUERY PLAN']);
    expect(text).toContain('nonces_expiry');
    expect(text).not.toContain('Seq Scan');
    await t.db.query("DELETE FROM nonces WHERE mchid = 'live'");
  });

  it('two instances share the replay window', async () => {
    const a = postgresNonces(t.db);
    const b = postgresNonces(t.db);
    expect(await a('m2', 'n', at(0), at(300))).toBe(true);
    expect(await b('m2', 'n', at(1), at(301))).toBe(false);
  });

  it('concurrent checks share statements, and each pair is new exactly once', async () => {
    const a = postgresNonces(t.db, 64, { maxBatch: 16, maxInFlight: 1 });
    const b = postgresNonces(t.db, 64, { maxBatch: 16, maxInFlight: 1 });
    const pairs = Array.from({ length: 200 }, (_, i) => `c-${i % 50}`);
    const answers = await Promise.all(pairs.map((n, i) => (i % 3 ? a : b)('m3', n, at(10), at(310))));
    const newPairs = pairs.filter((_, i) => answers[i]);
    expect(newPairs.sort()).toEqual([...new Set(pairs)].sort());
    expect(await rows()).toBeGreaterThanOrEqual(50);
  });

  it('an expired pair is new again, but only once, even within one batch', async () => {
    const remember = postgresNonces(t.db, 64, { maxInFlight: 1 });
    expect(await remember('m4', 'x', at(0), at(5))).toBe(true);
    const again = await Promise.all([1, 2, 3].map(() => remember('m4', 'x', at(6), at(306))));
    expect(again).toEqual([true, false, false]);
    expect(await remember('m4', 'x', at(7), at(307))).toBe(false);
  });

  it('the same nonce under two merchants is two pairs', async () => {
    const remember = postgresNonces(t.db);
    const answers = await Promise.all([remember('m5', 'same', at(0), at(300)), remember('m6', 'same', at(0), at(300))]);
    expect(answers).toEqual([true, true]);
  });
});

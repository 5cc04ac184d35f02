import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenRecord } from '../../../test/store/contract/fixtures.js';
import { openTestDatabase, postgresReachable } from '../../../test/store/postgres-database.js';
import { pgTokenInserter } from './token-inserts.js';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

describe.skipIf(!(await postgresReachable()))('postgres batched token inserts', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  const count = async (prefix: string) =>
    (
      await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE token_hash LIKE $1', [`${prefix}%`])
    )[0]!.n;

  it('inserts concurrent tokens in shared statements, each row as given', async () => {
    const insert = pgTokenInserter(t.db, { maxBatch: 16, maxInFlight: 1 });
    const tokens = Array.from({ length: 100 }, (_, i) => tokenRecord(`many-${i}`, { attach: i % 2 ? `a${i}` : null }));
    await Promise.all(tokens.map(insert));
    expect(await count('many-')).toBe(100);
    const [row] = await t.db.query<{ attach: string; claimed_at: null; send_request_no: string }>(
      "SELECT attach, claimed_at, send_request_no FROM tokens WHERE token_hash = 'many-7'",
    );
    expect(row).toEqual({ attach: 'a7', claimed_at: null, send_request_no: 'req-many-7' });
  });

  it('a hash already taken, before or within the batch, fails that token alone', async () => {
    const insert = pgTokenInserter(t.db, { maxInFlight: 1 });
    await insert(tokenRecord('dup-0'));
    const results = await Promise.allSettled(
      [tokenRecord('dup-0'), tokenRecord('dup-1'), tokenRecord('dup-2'), tokenRecord('dup-2')].map(insert),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'rejected']);
    expect(await count('dup-')).toBe(3);
  });

  it('a row the whole statement refuses fails only its own insert', async () => {
    const insert = pgTokenInserter(t.db, { maxInFlight: 1 });
    const bad = tokenRecord('bad-1', { mchid: null as unknown as string });
    const results = await Promise.allSettled([tokenRecord('bad-0'), bad, tokenRecord('bad-2')].map(insert));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count('bad-')).toBe(2);
  });
});

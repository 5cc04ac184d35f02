import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresReachable } from '../../../test/store/postgres-database.js';
import type { TokenRecord } from '../issuance.js';
import { pgTokenInserter } from './token-inserts.js';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

const token = (tokenHash: string, overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  tokenHash,
  mchid: '1900000001',
  brandId: '120344',
  productCouponId: 'pc-1',
  stockBundleId: 'sb-1',
  appid: 'wx0000000000000001',
  openid: `o-${tokenHash}`,
  userKey: `u-${tokenHash}`,
  sendRequestNo: `req-${tokenHash}`,
  attach: null,
  fingerprint: 'fp',
  createdAt: '2026-03-01T10:00:00+08:00',
  expiresAt: '2026-03-01T10:05:00+08:00',
  claimedAt: null,
  stockId: null,
  couponCode: null,
  ...overrides,
});

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
    const tokens = Array.from({ length: 100 }, (_, i) => token(`many-${i}`, { attach: i % 2 ? `a${i}` : null }));
    await Promise.all(tokens.map(insert));
    expect(await count('many-')).toBe(100);
    const [row] = await t.db.query<{ attach: string; claimed_at: null; send_request_no: string }>(
      "SELECT attach, claimed_at, send_request_no FROM tokens WHERE token_hash = 'many-7'",
    );
    expect(row).toEqual({ attach: 'a7', claimed_at: null, send_request_no: 'req-many-7' });
  });

  it('a hash already taken, before or within the batch, fails that token alone', async () => {
    const insert = pgTokenInserter(t.db, { maxInFlight: 1 });
    await insert(token('dup-0'));
    const results = await Promise.allSettled(
      [token('dup-0'), token('dup-1'), token('dup-2'), token('dup-2')].map(insert),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'rejected']);
    expect(await count('dup-')).toBe(3);
  });

  it('a row the whole statement refuses fails only its own insert', async () => {
    const insert = pgTokenInserter(t.db, { maxInFlight: 1 });
    const bad = token('bad-1', { mchid: null as unknown as string });
    const results = await Promise.allSettled([token('bad-0'), bad, token('bad-2')].map(insert));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count('bad-')).toBe(2);
  });
});

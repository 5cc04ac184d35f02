import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenRecord } from '../../../test/store/contract/fixtures.js';
import { openTestDatabase, postgresReachable } from '../../../test/store/postgres-database.js';
import { issuanceLookups } from './issuance.js';
import { pgTokenInserter } from './token-inserts.js';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

const token = tokenRecord('kept-1', { openid: 'o-kept', userKey: 'u-kept', sendRequestNo: 'req-kept' });

// One connection, so every lookup runs on the connection that kept its statement.
describe.skipIf(!(await postgresReachable()))('postgres kept statements (D-132)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDatabase({ poolSize: 1 });
  });
  afterAll(() => t.close());

  it('a column added by a later migration does not break the statements live connections keep', async () => {
    const lookups = issuanceLookups(t.db, {});
    await pgTokenInserter(t.db)(token);
    const key = [token.mchid, token.brandId, token.sendRequestNo, 'stock-1', token.userKey] as const;
    const before = { token: await lookups.getToken('kept-1'), both: await lookups.getIssuanceAndUserCount(...key) };
    expect(before.token).toEqual(token);

    await t.db.query('ALTER TABLE tokens ADD COLUMN added_later TEXT');
    await t.db.query('ALTER TABLE issuances ADD COLUMN added_later TEXT');

    expect(await lookups.getToken('kept-1')).toEqual(before.token);
    expect(await lookups.getIssuanceAndUserCount(...key)).toEqual(before.both);
    expect(await lookups.getIssuance(token.mchid, token.brandId, 'no-such-request')).toBeNull();
  });

  it('the gathered lookups answer each key of a batch, found or not', async () => {
    const lookups = issuanceLookups(t.db, {});
    const hashes = ['kept-1', 'missing-1', 'kept-1', 'missing-2'];
    const found = await Promise.all(hashes.map((h) => lookups.getToken(h)));
    expect(found.map((r) => r?.tokenHash ?? null)).toEqual(['kept-1', null, 'kept-1', null]);
    const counts = await Promise.all(['u-kept', 'u-other'].map((u) => lookups.getUserCount('stock-1', u)));
    expect(counts).toEqual([0, 0]);
  });
});

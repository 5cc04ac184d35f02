import { describe, expect, it } from 'vitest';
import type { IssueCommand, IssueOutcome } from '../../../src/store/issuance.js';
import type { Store } from '../../../src/store/port.js';
import { createCatalog, request } from '../../fixtures/catalog.js';
import { DAY, issueCommand, LATER, type StoreContext, tokenFor } from './fixtures.js';

export type Tally = Partial<Record<IssueOutcome['kind'], number>>;

export function tally(outcomes: IssueOutcome[]): Tally {
  const t: Tally = {};
  for (const o of outcomes) t[o.kind] = (t[o.kind] ?? 0) + 1;
  return t;
}

/** D-12: stock #0's counters equal the issued rows, and only ISSUED commands left rows behind. */
async function expectRowsMatch(stores: Store[], commands: IssueCommand[], outcomes: IssueOutcome[]) {
  const store = stores[0]!;
  const issued = commands.filter((_, n) => outcomes[n]!.kind === 'ISSUED');
  const stock = await store.getStock(commands[0]!.limits.stockId, DAY);
  expect(stock?.totalCount).toBe(issued.length);
  expect(stock?.todayCount).toBe(issued.length);
  for (const [n, c] of commands.entries()) {
    const i = c.issuance;
    const bundle = await stores[n % stores.length]!.getUserCouponBundle(i.userCouponBundleId);
    expect(bundle !== null).toBe(outcomes[n]!.kind === 'ISSUED');
    if (outcomes[n]!.kind === 'SOLD_OUT')
      expect(await store.getIssuance(i.mchid, i.brandId, i.sendRequestNo)).toBeNull();
  }
  const perUser = new Map<string, number>();
  for (const c of issued) perUser.set(c.issuance.userKey, (perUser.get(c.issuance.userKey) ?? 0) + 1);
  for (const [userKey, count] of perUser)
    expect(await store.getUserCount(commands[0]!.limits.stockId, userKey)).toBe(count);
}

export function concurrencyContract(ctx: StoreContext): void {
  describe('concurrency (D-12)', () => {
    it('200 concurrent issuances to distinct users on max_count 50 issue exactly 50', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 50 });
      const commands = Array.from({ length: 200 }, () => issueCommand(f.stocks));
      const outcomes = await Promise.all(commands.map((c) => store.issueBundle(c)));
      expect(tally(outcomes)).toEqual({ ISSUED: 50, SOLD_OUT: 150 });
      await expectRowsMatch([store], commands, outcomes);
    });

    it('30 concurrent issuances to one user with max_count_per_user 2 issue exactly 2', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 1000, maxCountPerUser: 2 });
      const commands = Array.from({ length: 30 }, () => issueCommand(f.stocks, { openid: 'o-one' }));
      const outcomes = await Promise.all(commands.map((c) => store.issueBundle(c)));
      expect(tally(outcomes)).toEqual({ ISSUED: 2, USER_LIMIT_REACHED: 28 });
      await expectRowsMatch([store], commands, outcomes);
    });

    it('20 concurrent issuances with one send_request_no: 1 ISSUED, 19 EXISTING pointing at it', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 1000, maxCountPerUser: 100 });
      const commands = Array.from({ length: 20 }, () => issueCommand(f.stocks, { sendRequestNo: 'same-send-no' }));
      const outcomes = await Promise.all(commands.map((c) => store.issueBundle(c)));
      expect(tally(outcomes)).toEqual({ ISSUED: 1, EXISTING: 19 });
      const winner = commands[outcomes.findIndex((o) => o.kind === 'ISSUED')]!;
      for (const o of outcomes) if (o.kind === 'EXISTING') expect(o.issuance).toEqual(winner.issuance);
      await expectRowsMatch([store], commands, outcomes);
    });

    it('concurrent issuances against a daily cap issue exactly the daily cap', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 1000, maxCountPerDay: 30 });
      const commands = Array.from({ length: 100 }, () => issueCommand(f.stocks));
      const outcomes = await Promise.all(commands.map((c) => store.issueBundle(c)));
      expect(tally(outcomes)).toEqual({ ISSUED: 30, DAILY_SOLD_OUT: 70 });
      await expectRowsMatch([store], commands, outcomes);
    });

    it('concurrent claims of one token issue one bundle and claim the token once', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerUser: 10 });
      const first = issueCommand(f.stocks, { channel: 'RECEIVE_COMPONENT' });
      const token = tokenFor(first);
      await store.insertToken(token);
      const commands = Array.from({ length: 10 }, () => ({
        ...issueCommand(f.stocks, {
          channel: 'RECEIVE_COMPONENT',
          openid: first.issuance.openid,
          sendRequestNo: first.issuance.sendRequestNo,
        }),
        tokenHash: token.tokenHash,
      }));
      const outcomes = await Promise.all(commands.map((c) => store.issueBundle(c)));
      expect(tally(outcomes)).toEqual({ ISSUED: 1, EXISTING: 9 });
      expect((await store.getToken(token.tokenHash))?.claimedAt).not.toBeNull();
      await expectRowsMatch([store], commands, outcomes);
    });

    it('issuance racing a budget cut never passes the new total', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 100 });
      const commands = Array.from({ length: 80 }, () => issueCommand(f.stocks));
      const issuing = Promise.all(commands.map((c) => store.issueBundle(c)));
      const cuts = Promise.all(
        [100, 60].map((expected) =>
          store.updateBundleBudget(
            request('update-budget'),
            f.bundle.stockBundleId,
            'max_count',
            expected,
            60,
            DAY,
            LATER,
          ),
        ),
      );
      const [outcomes] = await Promise.all([issuing, cuts]);
      const stock = await store.getStock(f.stocks[0]!.stockId, DAY);
      expect(stock!.totalCount).toBeLessThanOrEqual(stock!.maxCount);
      await expectRowsMatch([store], commands, outcomes);
    });
  });
}

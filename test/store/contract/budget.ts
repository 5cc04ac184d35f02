import { describe, expect, it } from 'vitest';
import { createCatalog, request } from '../../fixtures/catalog.js';
import { DAY, issueCommand, LATER, NEXT_DAY, type StoreContext } from './fixtures.js';

export function budgetContract(ctx: StoreContext): void {
  describe('updateBundleBudget', () => {
    it('MAX_COUNT: changes every stock of the bundle when the expected value is current', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 100 });
      const req = request('update-budget');
      expect(await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count', 100, 250, DAY, LATER)).toEqual({
        ran: true,
        value: { ok: true },
      });
      const stocks = await store.getBundleStocks(f.bundle.stockBundleId, DAY);
      expect(stocks.map((s) => s.maxCount)).toEqual([250, 250, 250]);
      expect(stocks.map((s) => s.updatedAt)).toEqual([LATER, LATER, LATER]);
      expect(await store.getRequestRecord(req)).toEqual(req);
    });

    it('refuses a stale expected value, reports the actual one and records nothing', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 100 });
      const req = request('update-budget');
      expect(await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count', 99, 250, DAY, LATER)).toEqual({
        ran: true,
        value: { ok: false, reason: 'stale', actual: 100 },
      });
      expect((await store.getBundleStocks(f.bundle.stockBundleId, DAY)).map((s) => s.maxCount)).toEqual([
        100, 100, 100,
      ]);
      expect(await store.getRequestRecord(req)).toBeNull();
      const retry = await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count', 100, 250, DAY, LATER);
      expect(retry).toEqual({ ran: true, value: { ok: true } });
    });

    it('refuses a total below what was issued and records nothing', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 10 });
      for (let i = 0; i < 3; i++) expect((await store.issueBundle(issueCommand(f.stocks))).kind).toBe('ISSUED');
      const req = request('update-budget');
      expect(await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count', 10, 2, DAY, LATER)).toEqual({
        ran: true,
        value: { ok: false, reason: 'below_issued', issued: 3 },
      });
      expect(await store.getRequestRecord(req)).toBeNull();
      const exact = await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count', 10, 3, DAY, LATER);
      expect(exact).toEqual({ ran: true, value: { ok: true } });
      expect(
        (await store.issueBundle(issueCommand(await store.getBundleStocks(f.bundle.stockBundleId, DAY)))).kind,
      ).toBe('SOLD_OUT');
    });

    it('raising the total after SOLD_OUT lets issuance continue', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 1 });
      expect((await store.issueBundle(issueCommand(f.stocks))).kind).toBe('ISSUED');
      expect((await store.issueBundle(issueCommand(f.stocks))).kind).toBe('SOLD_OUT');
      await store.updateBundleBudget(request('update-budget'), f.bundle.stockBundleId, 'max_count', 1, 2, DAY, LATER);
      const stocks = await store.getBundleStocks(f.bundle.stockBundleId, DAY);
      expect((await store.issueBundle(issueCommand(stocks))).kind).toBe('ISSUED');
      expect((await store.getStock(f.stocks[0]!.stockId, DAY))?.totalCount).toBe(2);
    });

    it('MAX_COUNT_PER_DAY: changes stock #0 only; below today’s count refused; other days do not count', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 100, maxCountPerDay: 10 });
      const id = f.bundle.stockBundleId;
      for (let i = 0; i < 4; i++) await store.issueBundle(issueCommand(f.stocks, { day: DAY }));
      await store.issueBundle(issueCommand(f.stocks, { day: NEXT_DAY }));
      expect(
        await store.updateBundleBudget(request('update-budget'), id, 'max_count_per_day', 10, 3, DAY, LATER),
      ).toEqual({ ran: true, value: { ok: false, reason: 'below_issued', issued: 4 } });
      expect(
        await store.updateBundleBudget(request('update-budget'), id, 'max_count_per_day', 9, 5, DAY, LATER),
      ).toEqual({
        ran: true,
        value: { ok: false, reason: 'stale', actual: 10 },
      });
      expect(
        await store.updateBundleBudget(request('update-budget'), id, 'max_count_per_day', 10, 4, DAY, LATER),
      ).toEqual({ ran: true, value: { ok: true } });
      const stocks = await store.getBundleStocks(id, DAY);
      expect(stocks.map((s) => s.maxCountPerDay)).toEqual([4, null, null]);
      expect(stocks.map((s) => s.maxCount)).toEqual([100, 100, 100]);
      expect((await store.issueBundle(issueCommand(stocks, { day: DAY }))).kind).toBe('DAILY_SOLD_OUT');
      expect((await store.issueBundle(issueCommand(stocks, { day: NEXT_DAY }))).kind).toBe('ISSUED');
    });

    it('MAX_COUNT_PER_DAY on a bundle without a daily cap is refused as stale with actual null', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerDay: null });
      const req = request('update-budget');
      expect(
        await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count_per_day', 5, 10, DAY, LATER),
      ).toEqual({ ran: true, value: { ok: false, reason: 'stale', actual: null } });
      expect((await store.getBundleStocks(f.bundle.stockBundleId, DAY)).map((s) => s.maxCountPerDay)).toEqual([
        null,
        null,
        null,
      ]);
    });

    it('a replay of a successful change returns the first record and changes nothing', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 100 });
      const req = request('update-budget');
      await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count', 100, 200, DAY, LATER);
      const replay = await store.updateBundleBudget(req, f.bundle.stockBundleId, 'max_count', 200, 300, DAY, LATER);
      expect(replay).toEqual({ ran: false, existing: req });
      expect((await store.getStock(f.stocks[0]!.stockId, DAY))?.maxCount).toBe(200);
    });

    it('concurrent identical calls change the budget once (same or different request numbers)', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 100 });
      const id = f.bundle.stockBundleId;
      const same = request('update-budget');
      const sameNo = await Promise.all(
        Array.from({ length: 10 }, () => store.updateBundleBudget(same, id, 'max_count', 100, 150, DAY, LATER)),
      );
      expect(sameNo.filter((r) => r.ran)).toEqual([{ ran: true, value: { ok: true } }]);
      expect(sameNo.filter((r) => !r.ran)).toHaveLength(9);
      const distinct = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.updateBundleBudget(request('update-budget'), id, 'max_count', 150, 200, DAY, LATER),
        ),
      );
      const ok = distinct.filter((r) => r.ran && r.value.ok);
      expect(ok).toHaveLength(1);
      for (const r of distinct.filter((x) => !(x.ran && x.value.ok)))
        expect(r).toEqual({ ran: true, value: { ok: false, reason: 'stale', actual: 200 } });
      expect((await store.getBundleStocks(id, DAY)).map((s) => s.maxCount)).toEqual([200, 200, 200]);
    });
  });
}

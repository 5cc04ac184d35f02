import { describe, expect, it } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import type { Store } from '../../../src/store/port.js';
import { AT, createCatalog, request } from '../../fixtures/catalog.js';
import { DAY, issueCommand, LATER, NEXT_DAY, type StoreContext, tokenFor } from './fixtures.js';

async function counters(store: Store, s0: StockRecord, day = DAY) {
  const stock = await store.getStock(s0.stockId, day);
  return { total: stock?.totalCount, today: stock?.todayCount };
}

export function issuanceContract(ctx: StoreContext): void {
  describe('issueBundle', () => {
    it('ISSUED: stores the issuance, the user coupon bundle, coupon #0 and counts once everywhere', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerDay: 10 });
      const cmd = issueCommand(f.stocks);
      expect(await store.issueBundle(cmd)).toEqual({ kind: 'ISSUED' });
      const i = cmd.issuance;
      expect(await store.getIssuance(i.mchid, i.brandId, i.sendRequestNo)).toEqual(i);
      expect(await store.getUserCouponBundle(i.userCouponBundleId)).toEqual(cmd.bundle);
      expect(await store.getUserCoupon(cmd.coupon.couponCode)).toEqual(cmd.coupon);
      expect(await store.listBundleCoupons(i.userCouponBundleId)).toEqual([cmd.coupon]);
      expect(await store.getUserCount(f.stocks[0]!.stockId, i.userKey)).toBe(1);
      expect(await store.getUserCount(f.stocks[1]!.stockId, i.userKey)).toBe(0);
      expect(await counters(store, f.stocks[0]!)).toEqual({ total: 1, today: 1 });
      expect(await counters(store, f.stocks[0]!, NEXT_DAY)).toEqual({ total: 1, today: 0 });
      expect(await counters(store, f.stocks[1]!)).toEqual({ total: 0, today: 0 });
    });

    it('looks up a request number’s issuance and the user’s count together, for many callers at once', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerUser: 5 });
      const s0 = f.stocks[0]!.stockId;
      const issued = issueCommand(f.stocks, { sendRequestNo: 'send-both', openid: 'o-both' });
      await store.issueBundle(issued);
      await store.issueBundle(issueCommand(f.stocks, { sendRequestNo: 'send-both-2', openid: 'o-both' }));
      const i = issued.issuance;
      const [known, fresh, stranger, elsewhere] = await Promise.all([
        store.getIssuanceAndUserCount(i.mchid, i.brandId, 'send-both', s0, i.userKey),
        store.getIssuanceAndUserCount(i.mchid, i.brandId, 'send-new', s0, i.userKey),
        store.getIssuanceAndUserCount(i.mchid, i.brandId, 'send-new', s0, 'o-nobody'),
        store.getIssuanceAndUserCount(i.mchid, 'another-brand', 'send-both', f.stocks[1]!.stockId, i.userKey),
      ]);
      expect(known).toEqual({ issuance: i, userCount: 2 });
      expect(fresh).toEqual({ issuance: null, userCount: 2 });
      expect(stranger).toEqual({ issuance: null, userCount: 0 });
      expect(elsewhere).toEqual({ issuance: null, userCount: 0 });
    });

    it('counts today’s issuances of a stock without a daily cap too', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerDay: null });
      await store.issueBundle(issueCommand(f.stocks));
      await store.issueBundle(issueCommand(f.stocks));
      expect(await counters(store, f.stocks[0]!)).toEqual({ total: 2, today: 2 });
    });

    it('EXISTING: a second use of the send_request_no returns the first issuance and changes nothing', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerUser: 5 });
      const first = issueCommand(f.stocks, { sendRequestNo: 'send-1', openid: 'o1' });
      await store.issueBundle(first);
      const other = issueCommand(f.stocks, { sendRequestNo: 'send-1', openid: 'o2', fingerprint: 'fp-other' });
      expect(await store.issueBundle(other)).toEqual({ kind: 'EXISTING', issuance: first.issuance });
      expect(await store.getUserCouponBundle(other.bundle.userCouponBundleId)).toBeNull();
      expect(await store.getUserCoupon(other.coupon.couponCode)).toBeNull();
      expect(await store.getUserCount(f.stocks[0]!.stockId, 'o2')).toBe(0);
      expect(await counters(store, f.stocks[0]!)).toEqual({ total: 1, today: 1 });
    });

    it('SOLD_OUT when the total is reached; nothing is recorded for the refused request', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 2 });
      await store.issueBundle(issueCommand(f.stocks));
      await store.issueBundle(issueCommand(f.stocks));
      const refused = issueCommand(f.stocks);
      expect(await store.issueBundle(refused)).toEqual({ kind: 'SOLD_OUT' });
      const i = refused.issuance;
      expect(await store.getIssuance(i.mchid, i.brandId, i.sendRequestNo)).toBeNull();
      expect(await store.getUserCouponBundle(i.userCouponBundleId)).toBeNull();
      expect(await store.getUserCount(f.stocks[0]!.stockId, i.userKey)).toBe(0);
      expect(await counters(store, f.stocks[0]!)).toEqual({ total: 2, today: 2 });
    });

    it('DAILY_SOLD_OUT when today’s budget is reached; the next Shanghai day issues again', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 10, maxCountPerDay: 2 });
      for (let n = 0; n < 2; n++) expect((await store.issueBundle(issueCommand(f.stocks))).kind).toBe('ISSUED');
      expect(await store.issueBundle(issueCommand(f.stocks))).toEqual({ kind: 'DAILY_SOLD_OUT' });
      const tomorrow = { day: NEXT_DAY, at: '2026-03-02T00:00:00+08:00' };
      expect(await store.issueBundle(issueCommand(f.stocks, tomorrow))).toEqual({ kind: 'ISSUED' });
      expect(await counters(store, f.stocks[0]!)).toEqual({ total: 3, today: 2 });
      expect(await counters(store, f.stocks[0]!, NEXT_DAY)).toEqual({ total: 3, today: 1 });
    });

    it('USER_LIMIT_REACHED at the per-user cap, counted by user key (D-3)', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerUser: 2 });
      const s0 = f.stocks[0]!;
      expect((await store.issueBundle(issueCommand(f.stocks, { openid: 'o1', userKey: 'u1' }))).kind).toBe('ISSUED');
      expect((await store.issueBundle(issueCommand(f.stocks, { openid: 'o2', userKey: 'u1' }))).kind).toBe('ISSUED');
      const third = issueCommand(f.stocks, { openid: 'o3', userKey: 'u1' });
      expect(await store.issueBundle(third)).toEqual({ kind: 'USER_LIMIT_REACHED' });
      expect(await store.getUserCount(s0.stockId, 'u1')).toBe(2);
      expect((await store.issueBundle(issueCommand(f.stocks, { openid: 'o3' }))).kind).toBe('ISSUED');
      expect(await counters(store, s0)).toEqual({ total: 3, today: 3 });
    });

    it('refusals are reported per-user, then total, then daily', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 1, maxCountPerUser: 1, maxCountPerDay: 1 });
      await store.issueBundle(issueCommand(f.stocks, { openid: 'o1' }));
      expect((await store.issueBundle(issueCommand(f.stocks, { openid: 'o1' }))).kind).toBe('USER_LIMIT_REACHED');
      expect((await store.issueBundle(issueCommand(f.stocks, { openid: 'o2' }))).kind).toBe('SOLD_OUT');
      const g = await createCatalog(store, { maxCount: 5, maxCountPerUser: 1, maxCountPerDay: 1 });
      await store.issueBundle(issueCommand(g.stocks, { openid: 'o1' }));
      expect((await store.issueBundle(issueCommand(g.stocks, { openid: 'o1' }))).kind).toBe('USER_LIMIT_REACHED');
      expect((await store.issueBundle(issueCommand(g.stocks, { openid: 'o2' }))).kind).toBe('DAILY_SOLD_OUT');
    });

    it('NOT_AVAILABLE with the stock state when stock #0 is not SENDING, whatever the counters say', async () => {
      const { store } = ctx;
      const paused = await createCatalog(store, { state: 'PAUSED' });
      expect(await store.issueBundle(issueCommand(paused.stocks))).toEqual({ kind: 'NOT_AVAILABLE', state: 'PAUSED' });
      const auditing = await createCatalog(store, { auditing: true });
      expect(await store.issueBundle(issueCommand(auditing.stocks))).toEqual({
        kind: 'NOT_AVAILABLE',
        state: 'AUDITING',
      });
      await store.finishAudit(auditing.coupon.productCouponId, LATER);
      expect((await store.issueBundle(issueCommand(auditing.stocks))).kind).toBe('ISSUED');

      const f = await createCatalog(store, { maxCount: 1, maxCountPerUser: 1 });
      await store.issueBundle(issueCommand(f.stocks, { openid: 'o1' }));
      const deactivation = { request_no: 'd-1', time: LATER, reason: 'end' };
      await store.deactivateProductCoupon(request('deactivate'), f.coupon.productCouponId, deactivation);
      for (const openid of ['o1', 'o2'])
        expect(await store.issueBundle(issueCommand(f.stocks, { openid }))).toEqual({
          kind: 'NOT_AVAILABLE',
          state: 'DEACTIVATED',
        });
      expect(await counters(store, f.stocks[0]!)).toEqual({ total: 1, today: 1 });
    });

    it('NOT_AVAILABLE with state null for an unknown stock', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const cmd = issueCommand(f.stocks);
      const missing = { ...cmd, limits: { ...cmd.limits, stockId: 'no-such-stock' } };
      expect(await store.issueBundle(missing)).toEqual({ kind: 'NOT_AVAILABLE', state: null });
      expect(await store.getIssuance(cmd.issuance.mchid, cmd.issuance.brandId, cmd.issuance.sendRequestNo)).toBeNull();
    });
  });

  describe('tokens (D-8, D-12)', () => {
    it('stores a token and claims it in the issuing transaction', async () => {
      const { store } = ctx;
      const f = await createCatalog(store);
      const cmd = issueCommand(f.stocks, { channel: 'RECEIVE_COMPONENT', at: LATER });
      const token = tokenFor(cmd);
      await store.insertToken(token);
      expect(await store.getToken(token.tokenHash)).toEqual(token);
      expect(await store.getToken('unknown')).toBeNull();
      expect(await store.issueBundle({ ...cmd, tokenHash: token.tokenHash })).toEqual({ kind: 'ISSUED' });
      expect(await store.getToken(token.tokenHash)).toEqual({ ...token, claimedAt: LATER });
    });

    it('a token is claimed once: a replay is EXISTING and keeps the first claim time', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerUser: 5 });
      const cmd = issueCommand(f.stocks, { at: AT });
      const token = tokenFor(cmd);
      await store.insertToken(token);
      await store.issueBundle({ ...cmd, tokenHash: token.tokenHash });
      const again = issueCommand(f.stocks, { sendRequestNo: cmd.issuance.sendRequestNo, at: LATER });
      expect((await store.issueBundle({ ...again, tokenHash: token.tokenHash })).kind).toBe('EXISTING');
      expect((await store.getToken(token.tokenHash))?.claimedAt).toBe(AT);
    });

    it('a claimed token never issues a second bundle, even under another send_request_no', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCountPerUser: 5 });
      const cmd = issueCommand(f.stocks, { openid: 'o1' });
      const token = tokenFor(cmd);
      await store.insertToken(token);
      await store.issueBundle({ ...cmd, tokenHash: token.tokenHash });
      const other = issueCommand(f.stocks, { openid: 'o1' });
      await expect(store.issueBundle({ ...other, tokenHash: token.tokenHash })).rejects.toThrow();
      const i = other.issuance;
      expect(await store.getIssuance(i.mchid, i.brandId, i.sendRequestNo)).toBeNull();
      expect(await store.getUserCount(f.stocks[0]!.stockId, 'o1')).toBe(1);
      expect(await counters(store, f.stocks[0]!)).toEqual({ total: 1, today: 1 });
    });
  });
}

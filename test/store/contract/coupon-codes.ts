import { describe, expect, it } from 'vitest';
import type { StockRecord } from '../../../src/store/catalog.js';
import type { Store } from '../../../src/store/port.js';
import { createCatalog, request, uid } from '../../fixtures/catalog.js';
import { DAY, issueCommand, type StoreContext } from './fixtures.js';
import { APPLIED, confirm, counters, issue, nextRound, transition, USE } from './lifecycle-fixtures.js';

const UPLOAD = 'upload-coupon-codes';

const upload = (store: Store, stockId: string, codes: string[], requestNo = uid('up')) => {
  const { response: _, ...req } = request(UPLOAD, requestNo, `fp-${requestNo}`);
  return store.uploadCouponCodes(req, stockId, codes, (stored) => ({ stored }));
};

const codeCounts = async (store: Store, stockId: string) =>
  (await store.getStock(stockId, DAY))?.data.coupon_code_count_info;

const pooled = (stocks: StockRecord[], options: Parameters<typeof issueCommand>[1] = {}) => ({
  ...issueCommand(stocks, options),
  fromPool: true as const,
});

/** Pre-uploaded codes (D-85, D-86): the pool, its counts, and issuance taking from it. */
export function couponCodeContract(ctx: StoreContext): void {
  describe('coupon code pool', () => {
    it('stores new codes once, counts them, and records the answer under the request number', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { codeMode: 'UPLOAD' });
      const s0 = f.stocks[0]!.stockId;
      const [a, b, c] = [uid('A'), uid('B'), uid('C')];
      expect(await upload(store, s0, [b, a], 'up-first')).toEqual({ ran: true, value: [b, a] });
      expect(await upload(store, s0, [a, c])).toEqual({ ran: true, value: [c] });
      expect(await codeCounts(store, s0)).toEqual({ total_count: 3, available_count: 3 });
      // Unique across the database: another stock cannot pool a code that is already pooled.
      expect(await upload(store, f.stocks[1]!.stockId, [a])).toEqual({ ran: true, value: [] });
      expect(await codeCounts(store, f.stocks[1]!.stockId)).toEqual({ total_count: 0, available_count: 0 });
      const replay = await upload(store, s0, [uid('D')], 'up-first');
      expect(replay.ran).toBe(false);
      expect(!replay.ran && JSON.parse(replay.existing.response)).toEqual({ stored: [b, a] });
      expect(await codeCounts(store, s0)).toEqual({ total_count: 3, available_count: 3 });
    });

    it('never pools a code a user coupon already carries', async () => {
      const { store } = ctx;
      const issued = await issue(store, { codeMode: 'UPLOAD' });
      const s0 = issued.stocks[0]!.stockId;
      expect(await upload(store, s0, [issued.coupon.couponCode])).toEqual({ ran: true, value: [] });
    });

    it('issues the oldest code, writes it into the coupon and its SEND event, and counts it', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { codeMode: 'UPLOAD' });
      const s0 = f.stocks[0]!.stockId;
      const [first, second] = [uid('X1'), uid('X2')];
      await upload(store, s0, [first]);
      await upload(store, s0, [second]);
      const command = pooled(f.stocks);
      expect(await store.issueBundle(command)).toEqual({ kind: 'ISSUED', couponCode: first });
      const coupon = await store.getUserCoupon(first);
      expect(coupon).toEqual({ ...command.coupon, couponCode: first });
      expect(await store.getUserCoupon(command.coupon.couponCode)).toBeNull();
      const [delivery] = (await store.listDeliveries({ offset: 0, limit: 10 })).deliveries;
      expect(delivery?.resource.coupon_code).toBe(first);
      expect(await codeCounts(store, s0)).toEqual({ total_count: 2, available_count: 1 });
      expect(await store.issueBundle(pooled(f.stocks))).toEqual({ kind: 'ISSUED', couponCode: second });
    });

    it('NO_CODES on an empty pool, writing nothing', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { codeMode: 'UPLOAD' });
      const command = pooled(f.stocks);
      expect(await store.issueBundle(command)).toEqual({ kind: 'NO_CODES' });
      const i = command.issuance;
      expect(await store.getIssuance(i.mchid, i.brandId, i.sendRequestNo)).toBeNull();
      expect(await counters(store, f.stocks[0]!.stockId, i.userKey)).toEqual({ total: 0, today: 0, user: 0 });
      expect(await store.getUserCouponBundle(i.userCouponBundleId)).toBeNull();
    });

    it('CODE_TAKEN for a code a user coupon carries, writing nothing; one winner when many race for it (D-101)', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { maxCount: 1000, maxCountPerUser: 100 });
      const code = uid('assigned');
      const assigned = () => {
        const command = issueCommand(f.stocks);
        return { ...command, coupon: { ...command.coupon, couponCode: code } };
      };
      const outcomes = await Promise.all(Array.from({ length: 12 }, () => store.issueBundle(assigned())));
      expect(outcomes.filter((o) => o.kind === 'ISSUED')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'CODE_TAKEN')).toHaveLength(11);
      const refused = assigned();
      expect(await store.issueBundle(refused)).toEqual({ kind: 'CODE_TAKEN' });
      const i = refused.issuance;
      expect(await store.getIssuance(i.mchid, i.brandId, i.sendRequestNo)).toBeNull();
      expect(await store.getUserCouponBundle(i.userCouponBundleId)).toBeNull();
      expect((await store.getStock(f.stocks[0]!.stockId, DAY))?.totalCount).toBe(1);
    });

    it('a code is pooled once however many uploads race for it', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { codeMode: 'UPLOAD' });
      const s0 = f.stocks[0]!.stockId;
      const code = uid('race');
      const results = await Promise.all(Array.from({ length: 8 }, () => upload(store, s0, [code, uid('own')])));
      expect(results.filter((r) => r.ran && r.value.includes(code))).toHaveLength(1);
      expect(await codeCounts(store, s0)).toEqual({ total_count: 9, available_count: 9 });
    });

    it('the last code goes to exactly one of many concurrent issuances', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { codeMode: 'UPLOAD', maxCount: 1000 });
      const s0 = f.stocks[0]!.stockId;
      const code = uid('last');
      await upload(store, s0, [code]);
      const outcomes = await Promise.all(Array.from({ length: 24 }, () => store.issueBundle(pooled(f.stocks))));
      expect(outcomes.filter((o) => o.kind === 'ISSUED')).toEqual([{ kind: 'ISSUED', couponCode: code }]);
      expect(outcomes.filter((o) => o.kind === 'NO_CODES')).toHaveLength(23);
      expect((await store.getStock(s0, DAY))?.totalCount).toBe(1);
      expect(await codeCounts(store, s0)).toEqual({ total_count: 1, available_count: 0 });
    });

    it('a later round takes its code from its own stock’s pool', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { codeMode: 'UPLOAD' });
      const [c0, c1] = [uid('r0'), uid('r1')];
      await upload(store, f.stocks[0]!.stockId, [c0]);
      await upload(store, f.stocks[1]!.stockId, [c1]);
      const command = pooled(f.stocks);
      expect(await store.issueBundle(command)).toEqual({ kind: 'ISSUED', couponCode: c0 });
      const issued = { catalog: f, stocks: f.stocks, command, coupon: { ...command.coupon, couponCode: c0 } };
      const effective = await confirm(store, issued.coupon);
      const next = {
        ...nextRound({ ...issued, bundleId: command.bundle.userCouponBundleId }, effective),
        fromPool: true as const,
      };
      const use = {
        transition: transition(effective, 'USED'),
        userCouponBundleId: command.bundle.userCouponBundleId,
        next,
      };
      expect(await store.useUserCoupon(request(USE), use)).toEqual(APPLIED);
      const coupons = await store.listBundleCoupons(command.bundle.userCouponBundleId);
      expect(coupons.map((c) => c.couponCode)).toEqual([c0, c1]);
      expect(await codeCounts(store, f.stocks[1]!.stockId)).toEqual({ total_count: 1, available_count: 0 });
      expect((await store.getStock(f.stocks[1]!.stockId, DAY))?.totalCount).toBe(1);
    });

    it('with the later round’s pool empty the use succeeds and no round follows (D-87)', async () => {
      const { store } = ctx;
      const f = await createCatalog(store, { codeMode: 'UPLOAD' });
      const c0 = uid('r0');
      await upload(store, f.stocks[0]!.stockId, [c0]);
      const command = pooled(f.stocks);
      await store.issueBundle(command);
      const bundleId = command.bundle.userCouponBundleId;
      const issued = { catalog: f, stocks: f.stocks, command, coupon: { ...command.coupon, couponCode: c0 }, bundleId };
      const effective = await confirm(store, issued.coupon);
      const next = { ...nextRound(issued, effective), fromPool: true as const };
      const use = { transition: transition(effective, 'USED'), userCouponBundleId: bundleId, next };
      expect(await store.useUserCoupon(request(USE), use)).toEqual(APPLIED);
      expect((await store.listBundleCoupons(bundleId)).map((c) => [c.couponCode, c.state])).toEqual([[c0, 'USED']]);
      expect(await counters(store, f.stocks[1]!.stockId, effective.userKey)).toEqual({ total: 0, today: 0, user: 0 });
      expect((await store.getUserCouponBundle(bundleId))?.usedCount).toBe(1);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { AT, BRAND, createCatalog, MCHID } from '../../fixtures/catalog.js';
import { issueCommand, type StoreContext } from './fixtures.js';

export function userCouponContract(ctx: StoreContext): void {
  describe('listUserCoupons', () => {
    async function issued() {
      const { store } = ctx;
      const a = await createCatalog(store, { maxCountPerUser: 5 });
      const b = await createCatalog(store, { maxCountPerUser: 5 });
      const commands = [
        issueCommand(a.stocks, { openid: 'o1' }),
        issueCommand(a.stocks, { openid: 'o1' }),
        issueCommand(b.stocks, { openid: 'o1' }),
        issueCommand(a.stocks, { openid: 'o2' }),
      ];
      for (const c of commands) expect((await store.issueBundle(c)).kind).toBe('ISSUED');
      const codes = commands.map((c) => c.coupon.couponCode);
      return { a, b, codes };
    }
    const query = { brandId: BRAND, openid: 'o1', mchid: MCHID, offset: 0, limit: 10, now: new Date(Date.parse(AT)) };

    it('lists the user’s coupons of the brand and merchant, with the total', async () => {
      const { store } = ctx;
      const { codes } = await issued();
      const all = await store.listUserCoupons(query);
      expect(all.total).toBe(3);
      expect(new Set(all.coupons.map((c) => c.couponCode))).toEqual(new Set(codes.slice(0, 3)));
      expect(await store.listUserCoupons({ ...query, mchid: '1900000099' })).toEqual({ coupons: [], total: 0 });
      expect(await store.listUserCoupons({ ...query, brandId: 'other' })).toEqual({ coupons: [], total: 0 });
    });

    it('filters by product coupon, stock and state', async () => {
      const { store } = ctx;
      const { a, b, codes } = await issued();
      const byCoupon = await store.listUserCoupons({ ...query, productCouponId: b.coupon.productCouponId });
      expect(byCoupon.coupons.map((c) => c.couponCode)).toEqual([codes[2]]);
      expect(byCoupon.total).toBe(1);
      expect((await store.listUserCoupons({ ...query, stockId: a.stocks[0]!.stockId })).total).toBe(2);
      expect((await store.listUserCoupons({ ...query, stockId: a.stocks[1]!.stockId })).total).toBe(0);
      expect((await store.listUserCoupons({ ...query, state: 'CONFIRMING' })).total).toBe(3);
      expect(await store.listUserCoupons({ ...query, state: 'USED' })).toEqual({ coupons: [], total: 0 });
    });

    it('pages by offset and limit in a stable order; the total ignores the page', async () => {
      const { store } = ctx;
      const { codes } = await issued();
      const pages = await Promise.all(
        [0, 1, 2, 3].map((offset) => store.listUserCoupons({ ...query, offset, limit: 1 })),
      );
      expect(pages.map((p) => p.total)).toEqual([3, 3, 3, 3]);
      expect(pages[3]!.coupons).toEqual([]);
      const seen = pages.flatMap((p) => p.coupons.map((c) => c.couponCode));
      expect(seen).toHaveLength(3);
      expect(new Set(seen)).toEqual(new Set(codes.slice(0, 3)));
      const full = await store.listUserCoupons(query);
      expect(full.coupons.map((c) => c.couponCode)).toEqual(seen);
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { UserCouponState } from '../../../src/store/issuance.js';
import type { Store } from '../../../src/store/port.js';
import { BRAND, MCHID, request, uid } from '../../fixtures/catalog.js';
import { LATER, type StoreContext } from './fixtures.js';
import { confirm, issue, transition, USE } from './lifecycle-fixtures.js';

const NOW = '2026-03-01T10:00:00+08:00';
const at = (text: string, ms = 0) => new Date(Date.parse(text) + ms);

/** A stored coupon in `state` with the given validity. */
async function couponIn(
  store: Store,
  state: UserCouponState,
  validBeginTime: string,
  validEndTime: string,
  openid?: string,
) {
  const { coupon } = await issue(
    store,
    {},
    { coupon: { validBeginTime, validEndTime }, ...(openid ? { openid } : {}) },
  );
  if (state === 'CONFIRMING') return coupon.couponCode;
  const effective = await confirm(store, coupon, state === 'PENDING' ? 'PENDING' : 'EFFECTIVE');
  if (state === 'USED') {
    const use = {
      transition: transition(effective, 'USED'),
      userCouponBundleId: coupon.userCouponBundleId,
      next: null,
    };
    expect(await store.useUserCoupon(request(USE), use)).toEqual({ ran: true, value: { kind: 'APPLIED' } });
  }
  return coupon.couponCode;
}

const states = (store: Store, codes: string[]) =>
  Promise.all(codes.map(async (code) => (await store.getUserCoupon(code))?.state));

/** The expiry sweep persists what `stateAt` applies on read (D-14). */
export function lifecycleSweepContract(ctx: StoreContext): void {
  describe('advanceCouponStates', () => {
    it('expires PENDING and EFFECTIVE coupons past their end, then activates PENDING ones that began', async () => {
      const { store } = ctx;
      const codes = [
        await couponIn(store, 'EFFECTIVE', '2026-01-01T00:00:00+08:00', '2026-03-01T09:59:59+08:00'),
        await couponIn(store, 'PENDING', '2026-03-01T09:00:00+08:00', '2026-03-01T09:59:59+08:00'),
        await couponIn(store, 'PENDING', NOW, '2026-03-31T23:59:59+08:00'),
        await couponIn(store, 'PENDING', '2026-03-01T10:00:01+08:00', '2026-03-31T23:59:59+08:00'),
        await couponIn(store, 'EFFECTIVE', '2026-01-01T00:00:00+08:00', NOW),
        await couponIn(store, 'USED', '2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00'),
        await couponIn(store, 'CONFIRMING', '2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00'),
      ];
      expect(await store.advanceCouponStates(at(NOW), 100)).toEqual({ expired: 2, activated: 1 });
      expect(await states(store, codes)).toEqual([
        'EXPIRED',
        'EXPIRED',
        'EFFECTIVE',
        'PENDING',
        'EFFECTIVE',
        'USED',
        'CONFIRMING',
      ]);
      const expired = await store.getUserCoupon(codes[0]!);
      expect(expired?.updatedAt).toBe(NOW);

      // The end time is a whole second: a coupon ending at 10:00:00 is expired from 10:00:00.001 on.
      expect(await store.advanceCouponStates(at(NOW), 100)).toEqual({ expired: 0, activated: 0 });
      expect(await store.advanceCouponStates(at(NOW, 1), 100)).toEqual({ expired: 1, activated: 0 });
      expect(await states(store, [codes[4]!])).toEqual(['EXPIRED']);
      expect(await store.advanceCouponStates(at('2026-03-01T10:00:01+08:00'), 100)).toEqual({
        expired: 0,
        activated: 1,
      });
    });

    it('moves at most `limit` coupons of each kind per call', async () => {
      const { store } = ctx;
      for (let n = 0; n < 3; n++) await couponIn(store, 'EFFECTIVE', '2026-01-01T00:00:00+08:00', LATER);
      for (let n = 0; n < 3; n++) await couponIn(store, 'PENDING', NOW, '2026-12-31T23:59:59+08:00');
      const after = at('2026-03-01T12:00:00+08:00');
      expect(await store.advanceCouponStates(after, 2)).toEqual({ expired: 2, activated: 2 });
      expect(await store.advanceCouponStates(after, 2)).toEqual({ expired: 1, activated: 1 });
      expect(await store.advanceCouponStates(after, 2)).toEqual({ expired: 0, activated: 0 });
    });

    it('concurrent sweeps move each coupon once', async () => {
      const { store } = ctx;
      for (let n = 0; n < 12; n++) await couponIn(store, 'EFFECTIVE', '2026-01-01T00:00:00+08:00', LATER);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => store.advanceCouponStates(at('2026-03-02T00:00:00+08:00'), 5)),
      );
      const expired = results.reduce((sum, r) => sum + r.expired, 0);
      const rest = await store.advanceCouponStates(at('2026-03-02T00:00:00+08:00'), 100);
      expect(expired + rest.expired).toBe(12);
    });

    it('never moves a coupon a lifecycle transaction moved first', async () => {
      const { store } = ctx;
      const code = await couponIn(store, 'EFFECTIVE', '2026-01-01T00:00:00+08:00', LATER);
      const coupon = (await store.getUserCoupon(code))!;
      const use = { transition: transition(coupon, 'USED'), userCouponBundleId: coupon.userCouponBundleId, next: null };
      const [, used] = await Promise.all([
        store.advanceCouponStates(at('2026-03-02T00:00:00+08:00'), 100),
        store.useUserCoupon(request(USE), use),
      ]);
      const state = (await store.getUserCoupon(code))?.state;
      expect(used.ran && used.value.kind === 'APPLIED' ? 'USED' : 'EXPIRED').toBe(state);
    });
  });
}

/** D-109: a list filtered by state reads each coupon's state at `now`, and writes nothing. */
export function listStateAtContract(ctx: StoreContext): void {
  describe('listUserCoupons filtered by state at now', () => {
    it('a coupon whose validity ended lists as EXPIRED, one whose begin came as EFFECTIVE, with no write', async () => {
      const { store } = ctx;
      const openid = uid('o');
      const end = '2026-03-31T23:59:59+08:00';
      const codes = [
        await couponIn(store, 'EFFECTIVE', '2026-01-01T00:00:00+08:00', NOW, openid),
        await couponIn(store, 'PENDING', '2026-03-01T10:00:01+08:00', end, openid),
        await couponIn(store, 'PENDING', '2026-03-01T09:00:00+08:00', end, openid),
        await couponIn(store, 'EFFECTIVE', '2026-01-01T00:00:00+08:00', end, openid),
        await couponIn(store, 'USED', '2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00', openid),
        await couponIn(store, 'PENDING', '2026-02-01T00:00:00+08:00', '2026-02-28T23:59:59+08:00', openid),
      ];
      const stored = await Promise.all(codes.map((code) => store.getUserCoupon(code)));
      const listed = async (state: UserCouponState, now: Date) => {
        const { coupons, total } = await store.listUserCoupons({
          brandId: BRAND,
          openid,
          mchid: MCHID,
          state,
          now,
          offset: 0,
          limit: 10,
        });
        expect(total).toBe(coupons.length);
        return coupons.map((c) => codes.indexOf(c.couponCode)).sort();
      };
      const expected = {
        [NOW]: { EXPIRED: [5], EFFECTIVE: [0, 2, 3], PENDING: [1], USED: [4] },
        '2026-03-01T10:00:00.001+08:00': { EXPIRED: [0, 5], EFFECTIVE: [2, 3], PENDING: [1], USED: [4] },
        '2026-03-01T10:00:01+08:00': { EXPIRED: [0, 5], EFFECTIVE: [1, 2, 3], PENDING: [], USED: [4] },
        '2026-04-01T00:00:00+08:00': { EXPIRED: [0, 1, 2, 3, 5], EFFECTIVE: [], PENDING: [], USED: [4] },
      };
      for (const [instant, byState] of Object.entries(expected))
        for (const [state, indexes] of Object.entries(byState))
          expect({ instant, state, listed: await listed(state as UserCouponState, at(instant)) }).toEqual({
            instant,
            state,
            listed: indexes,
          });
      expect(await Promise.all(codes.map((code) => store.getUserCoupon(code)))).toEqual(stored);
    });
  });
}

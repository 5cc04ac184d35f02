import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/port.js';
import { request } from '../../fixtures/catalog.js';
import { DAY, LATER, type StoreContext } from './fixtures.js';
import {
  APPLIED,
  confirm,
  counters,
  type Issued,
  issue,
  moved,
  nextRound,
  pending,
  STALE,
  transition,
  USE,
} from './lifecycle-fixtures.js';

/** Everything a refused or stale use must leave as it was. */
async function snapshot(store: Store, issued: Issued) {
  const userKey = issued.coupon.userKey;
  return {
    coupons: await store.listBundleCoupons(issued.bundleId),
    bundle: await store.getUserCouponBundle(issued.bundleId),
    round1: await counters(store, issued.stocks[1]!.stockId, userKey),
    deliveries: (await store.listDeliveries({ offset: 0, limit: 100 })).total,
  };
}

/** 核销 and the next round it issues in the same transaction (D-11, D-14, D-15). */
export function lifecycleUseContract(ctx: StoreContext): void {
  describe('useUserCoupon', () => {
    it('EFFECTIVE → USED, used_count + 1, and coupon #1 with its SEND event and stock #1’s counters', async () => {
      const { store } = ctx;
      const issued = await issue(store, { maxCountPerDay: 10 });
      const effective = await confirm(store, issued.coupon);
      const use = transition(effective, 'USED');
      const next = nextRound(issued, effective);
      const req = request(USE);
      expect(await store.useUserCoupon(req, { transition: use, userCouponBundleId: issued.bundleId, next })).toEqual(
        APPLIED,
      );
      expect(await store.listBundleCoupons(issued.bundleId)).toEqual([moved(effective, use), next.coupon]);
      expect(await store.getUserCouponBundle(issued.bundleId)).toEqual({
        ...issued.command.bundle,
        usedCount: 1,
        updatedAt: LATER,
      });
      const [s0, s1, s2] = issued.stocks.map((s) => s.stockId);
      const userKey = effective.userKey;
      // Stock #1 has no daily cap, yet its day counts (D-11); stock #0 keeps the issuance's counts.
      expect(await counters(store, s1!, userKey)).toEqual({ total: 1, today: 1, user: 1 });
      expect(await counters(store, s0!, userKey)).toEqual({ total: 1, today: 1, user: 1 });
      expect(await counters(store, s2!, userKey)).toEqual({ total: 0, today: 0, user: 0 });
      expect(await store.getDelivery(next.event.eventId)).toEqual(pending(next.event));
      expect(await store.getRequestRecord(req)).toEqual(req);
    });

    it('uses the last round without a next one', async () => {
      const { store } = ctx;
      const issued = await issue(store, { rounds: 1 });
      const effective = await confirm(store, issued.coupon);
      const use = transition(effective, 'USED');
      const command = { transition: use, userCouponBundleId: issued.bundleId, next: null };
      expect(await store.useUserCoupon(request(USE), command)).toEqual(APPLIED);
      expect(await store.listBundleCoupons(issued.bundleId)).toEqual([moved(effective, use)]);
      expect((await store.getUserCouponBundle(issued.bundleId))?.usedCount).toBe(1);
    });

    it('the next round counts the day it is issued on', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const effective = await confirm(store, issued.coupon);
      const next = nextRound(issued, effective, { day: '2026-03-05' });
      const command = { transition: transition(effective, 'USED'), userCouponBundleId: issued.bundleId, next };
      expect(await store.useUserCoupon(request(USE), command)).toEqual(APPLIED);
      const s1 = issued.stocks[1]!.stockId;
      expect(await counters(store, s1, effective.userKey, '2026-03-05')).toEqual({ total: 1, today: 1, user: 1 });
      expect(await counters(store, s1, effective.userKey, DAY)).toEqual({ total: 1, today: 0, user: 1 });
    });

    it('STALE when the coupon is not EFFECTIVE: nothing written, no next round', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const before = await snapshot(store, issued);
      const req = request(USE);
      const use = { ...transition(issued.coupon, 'USED'), from: 'EFFECTIVE' as const };
      const next = nextRound(issued, issued.coupon);
      expect(await store.useUserCoupon(req, { transition: use, userCouponBundleId: issued.bundleId, next })).toEqual(
        STALE,
      );
      expect(await snapshot(store, issued)).toEqual(before);
      expect(await store.getRequestRecord(req)).toBeNull();
    });

    it('STALE when coupon #k+1 exists already (a returned coupon used again): nothing written', async () => {
      const { store } = ctx;
      const issued = await issue(store, { maxCountPerUser: 2 });
      const effective = await confirm(store, issued.coupon);
      const use = transition(effective, 'USED');
      const next = nextRound(issued, effective);
      await store.useUserCoupon(request(USE), { transition: use, userCouponBundleId: issued.bundleId, next });
      const back = transition(moved(effective, use), 'EFFECTIVE');
      await store.returnUserCoupon(request('return'), { transition: back, userCouponBundleId: issued.bundleId });
      const before = await snapshot(store, issued);
      const again = transition(moved(moved(effective, use), back), 'USED');
      const duplicate = nextRound(issued, effective);
      const req = request(USE);
      const command = { transition: again, userCouponBundleId: issued.bundleId, next: duplicate };
      expect(await store.useUserCoupon(req, command)).toEqual(STALE);
      expect(await snapshot(store, issued)).toEqual(before);
      expect(await store.getDelivery(duplicate.event.eventId)).toBeNull();
      expect(await store.getRequestRecord(req)).toBeNull();
    });

    it('REFUSED with the counter when stock #k+1’s per-user or daily cap refuses: nothing written', async () => {
      const { store } = ctx;
      const a = await issue(store, { maxCountPerUser: 2 }, { openid: 'o-refused' });
      const b = await issue(store, a.catalog, { openid: 'o-refused' });
      const usedA = await confirm(store, a.coupon);
      const nextA = nextRound(a, usedA, { maxCountPerUser: 1, maxCountPerDay: 1 });
      const useA = { transition: transition(usedA, 'USED'), userCouponBundleId: a.bundleId, next: nextA };
      expect(await store.useUserCoupon(request(USE), useA)).toEqual(APPLIED);

      const effectiveB = await confirm(store, b.coupon);
      const before = await snapshot(store, b);
      for (const [caps, counter] of [
        [{ maxCountPerUser: 1, maxCountPerDay: 5 }, 'user'],
        [{ maxCountPerUser: 2, maxCountPerDay: 1 }, 'day'],
      ] as const) {
        const req = request(USE);
        const next = nextRound(b, effectiveB, caps);
        const command = { transition: transition(effectiveB, 'USED'), userCouponBundleId: b.bundleId, next };
        expect(await store.useUserCoupon(req, command)).toEqual({ ran: true, value: { kind: 'REFUSED', counter } });
        expect(await snapshot(store, b)).toEqual(before);
        expect(await store.getDelivery(next.event.eventId)).toBeNull();
        expect(await store.getRequestRecord(req)).toBeNull();
      }
      const next = nextRound(b, effectiveB, { maxCountPerUser: 2 });
      const command = { transition: transition(effectiveB, 'USED'), userCouponBundleId: b.bundleId, next };
      expect(await store.useUserCoupon(request(USE), command)).toEqual(APPLIED);
      expect(await counters(store, b.stocks[1]!.stockId, effectiveB.userKey)).toEqual({ total: 2, today: 2, user: 2 });
    });

    it('a replayed use returns the first record: one USED, one next round, counted once', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const effective = await confirm(store, issued.coupon);
      const req = request(USE, 'use-1');
      const command = {
        transition: transition(effective, 'USED'),
        userCouponBundleId: issued.bundleId,
        next: nextRound(issued, effective),
      };
      expect(await store.useUserCoupon(req, command)).toEqual(APPLIED);
      const replay = { ...command, next: nextRound(issued, effective) };
      expect(await store.useUserCoupon({ ...req, createdAt: LATER }, replay)).toEqual({ ran: false, existing: req });
      expect(await store.listBundleCoupons(issued.bundleId)).toHaveLength(2);
      expect((await store.getUserCouponBundle(issued.bundleId))?.usedCount).toBe(1);
      expect((await counters(store, issued.stocks[1]!.stockId, effective.userKey)).total).toBe(1);
    });

    it('concurrent uses of one coupon: one applies and issues one next round; the others are STALE', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const effective = await confirm(store, issued.coupon);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.useUserCoupon(request(USE), {
            transition: transition(effective, 'USED'),
            userCouponBundleId: issued.bundleId,
            next: nextRound(issued, effective),
          }),
        ),
      );
      expect(outcomes.filter((o) => o.ran && o.value.kind === 'APPLIED')).toHaveLength(1);
      expect(outcomes.filter((o) => o.ran && o.value.kind === 'STALE')).toHaveLength(9);
      expect(await store.listBundleCoupons(issued.bundleId)).toHaveLength(2);
      expect((await store.getUserCouponBundle(issued.bundleId))?.usedCount).toBe(1);
      expect(await counters(store, issued.stocks[1]!.stockId, effective.userKey)).toEqual({
        total: 1,
        today: 1,
        user: 1,
      });
    });
  });
}

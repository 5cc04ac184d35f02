import { describe, expect, it } from 'vitest';
import { request } from '../../fixtures/catalog.js';
import { LATER, type StoreContext } from './fixtures.js';
import {
  APPLIED,
  CONFIRM,
  confirm,
  issue,
  moved,
  nextRound,
  RETURN,
  STALE,
  transition,
  USE,
} from './lifecycle-fixtures.js';

/** Confirm and return, the request-number guard every lifecycle write shares (D-5), and compare-and-set. */
export function lifecycleContract(ctx: StoreContext): void {
  describe('confirmUserCoupon', () => {
    it('moves CONFIRMING → EFFECTIVE with the new detail and binds the request number', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      const req = request(CONFIRM);
      const t = transition(coupon, 'EFFECTIVE', { confirm_request_no: req.requestNo, confirm_time: LATER });
      expect(await store.confirmUserCoupon(req, t)).toEqual(APPLIED);
      expect(await store.getUserCoupon(coupon.couponCode)).toEqual(moved(coupon, t));
      expect(await store.getRequestRecord(req)).toEqual(req);
    });

    it('moves CONFIRMING → PENDING when the coupon starts later', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      expect((await store.getUserCoupon(coupon.couponCode))?.state).toBe('CONFIRMING');
      const pending = await confirm(store, coupon, 'PENDING');
      expect(await store.getUserCoupon(coupon.couponCode)).toEqual(pending);
    });

    it('STALE when the coupon is no longer in `from`: nothing written, not even the request record', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      const effective = await confirm(store, coupon);
      const req = request(CONFIRM);
      expect(await store.confirmUserCoupon(req, transition(coupon, 'PENDING'))).toEqual(STALE);
      expect(await store.getUserCoupon(coupon.couponCode)).toEqual(effective);
      expect(await store.getRequestRecord(req)).toBeNull();
    });

    it('STALE for an unknown coupon', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      const req = request(CONFIRM);
      const t = { ...transition(coupon, 'EFFECTIVE'), couponCode: 'no-such-coupon' };
      expect(await store.confirmUserCoupon(req, t)).toEqual(STALE);
      expect(await store.getRequestRecord(req)).toBeNull();
    });

    it('a replayed request number returns the first record and changes nothing (D-5)', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      const first = request(CONFIRM, 'confirm-1', 'fp-first');
      const t = transition(coupon, 'EFFECTIVE');
      expect(await store.confirmUserCoupon(first, t)).toEqual(APPLIED);
      const again = { ...request(CONFIRM, 'confirm-1', 'fp-other'), status: 400, createdAt: LATER };
      expect(await store.confirmUserCoupon(again, transition(moved(coupon, t), 'PENDING'))).toEqual({
        ran: false,
        existing: first,
      });
      expect(await store.getUserCoupon(coupon.couponCode)).toEqual(moved(coupon, t));
      expect(await store.getRequestRecord(first)).toEqual(first);
    });

    it('a request number is bound per API: the same number is free under another API', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      const effective = await confirm(store, coupon);
      const t = transition(effective, 'PENDING');
      expect(await store.confirmUserCoupon(request(CONFIRM, 'no-1'), t)).toEqual(APPLIED);
      const back = transition(moved(effective, t), 'EFFECTIVE');
      expect(await store.confirmUserCoupon(request(USE, 'no-1'), back)).toEqual(APPLIED);
    });

    it('concurrent confirms of one coupon: exactly one applies, the others are STALE and record nothing', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      const requests = Array.from({ length: 12 }, () => request(CONFIRM));
      const outcomes = await Promise.all(
        requests.map((r) => store.confirmUserCoupon(r, transition(coupon, 'EFFECTIVE'))),
      );
      expect(outcomes.filter((o) => o.ran && o.value.kind === 'APPLIED')).toHaveLength(1);
      expect(outcomes.filter((o) => o.ran && o.value.kind === 'STALE')).toHaveLength(11);
      const bound = await Promise.all(requests.map((r) => store.getRequestRecord(r)));
      expect(bound.filter((r) => r !== null)).toHaveLength(1);
    });

    it('concurrent calls with one request number: one runs, the others get its record', async () => {
      const { store } = ctx;
      const { coupon } = await issue(store);
      const req = request(CONFIRM, 'confirm-same');
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => store.confirmUserCoupon(req, transition(coupon, 'EFFECTIVE'))),
      );
      expect(outcomes.filter((o) => o.ran)).toEqual([APPLIED]);
      for (const o of outcomes) if (!o.ran) expect(o.existing).toEqual(req);
    });
  });

  describe('returnUserCoupon', () => {
    it('USED → EFFECTIVE and used_count - 1; the next round already issued stays', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const effective = await confirm(store, issued.coupon);
      const use = transition(effective, 'USED');
      const next = nextRound(issued, effective);
      const command = { transition: use, userCouponBundleId: issued.bundleId, next };
      expect(await store.useUserCoupon(request(USE), command)).toEqual(APPLIED);
      const back = transition(moved(effective, use), 'EFFECTIVE');
      const req = request(RETURN);
      expect(await store.returnUserCoupon(req, { transition: back, userCouponBundleId: issued.bundleId })).toEqual(
        APPLIED,
      );
      expect(await store.getUserCoupon(effective.couponCode)).toEqual(moved(moved(effective, use), back));
      expect((await store.getUserCouponBundle(issued.bundleId))?.usedCount).toBe(0);
      expect((await store.listBundleCoupons(issued.bundleId)).map((c) => c.couponCode)).toEqual([
        effective.couponCode,
        next.coupon.couponCode,
      ]);
      expect(await store.getRequestRecord(req)).toEqual(req);
    });

    it('STALE when the coupon is not USED: nothing written', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const effective = await confirm(store, issued.coupon);
      const req = request(RETURN);
      const back = { ...transition(effective, 'EFFECTIVE'), from: 'USED' as const };
      expect(await store.returnUserCoupon(req, { transition: back, userCouponBundleId: issued.bundleId })).toEqual(
        STALE,
      );
      expect(await store.getUserCoupon(effective.couponCode)).toEqual(effective);
      expect((await store.getUserCouponBundle(issued.bundleId))?.usedCount).toBe(0);
      expect(await store.getRequestRecord(req)).toBeNull();
    });

    it('a replayed return returns the first record and returns once', async () => {
      const { store } = ctx;
      const issued = await issue(store, { rounds: 1 });
      const effective = await confirm(store, issued.coupon);
      const use = transition(effective, 'USED');
      await store.useUserCoupon(request(USE), { transition: use, userCouponBundleId: issued.bundleId, next: null });
      const back = { transition: transition(moved(effective, use), 'EFFECTIVE'), userCouponBundleId: issued.bundleId };
      const req = request(RETURN, 'return-1');
      expect(await store.returnUserCoupon(req, back)).toEqual(APPLIED);
      expect(await store.returnUserCoupon({ ...req, createdAt: LATER }, back)).toEqual({ ran: false, existing: req });
      expect((await store.getUserCouponBundle(issued.bundleId))?.usedCount).toBe(0);
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { UserCouponRecord } from '../../../src/store/issuance.js';
import type { DeactivateBundleCommand } from '../../../src/store/lifecycle.js';
import type { Store } from '../../../src/store/port.js';
import { request } from '../../fixtures/catalog.js';
import { LATER, type StoreContext } from './fixtures.js';
import {
  APPLIED,
  confirm,
  DEACTIVATE,
  type Issued,
  issue,
  moved,
  nextRound,
  STALE,
  transition,
  USE,
} from './lifecycle-fixtures.js';

/** The command the service builds from the coupons it read: every coupon not USED becomes DEACTIVATED. */
function deactivation(issued: Issued, coupons: UserCouponRecord[]): DeactivateBundleCommand {
  return {
    userCouponBundleId: issued.bundleId,
    expected: coupons.map((c) => ({ couponCode: c.couponCode, state: c.state })),
    transitions: coupons
      .filter((c) => c.state !== 'USED')
      .map((c) => transition(c, 'DEACTIVATED', { ...c.detail, deactivate_reason: 'closed' })),
    deactivation: { request_no: 'deactivate-1', time: LATER, reason: 'closed' },
  };
}

/** Coupon #0 USED and coupon #1 EFFECTIVE, as stored. */
async function usedOnce(store: Store, issued: Issued): Promise<[UserCouponRecord, UserCouponRecord]> {
  const effective = await confirm(store, issued.coupon);
  const use = transition(effective, 'USED');
  const next = nextRound(issued, effective);
  const command = { transition: use, userCouponBundleId: issued.bundleId, next };
  expect(await store.useUserCoupon(request(USE), command)).toEqual(APPLIED);
  return [moved(effective, use), await confirm(store, next.coupon)];
}

/** 失效用户商品券组 (D-15). */
export function lifecycleDeactivateContract(ctx: StoreContext): void {
  describe('deactivateUserCouponBundle', () => {
    it('deactivates the bundle and its coupons not USED; USED coupons stay USED', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const coupons = await usedOnce(store, issued);
      const command = deactivation(issued, coupons);
      const req = request(DEACTIVATE);
      expect(await store.deactivateUserCouponBundle(req, command)).toEqual(APPLIED);
      const [used, round1] = coupons;
      expect(await store.listBundleCoupons(issued.bundleId)).toEqual([used, moved(round1, command.transitions[0]!)]);
      expect(await store.getUserCouponBundle(issued.bundleId)).toEqual({
        ...issued.command.bundle,
        usedCount: 1,
        state: 'DEACTIVATED',
        updatedAt: LATER,
      });
      expect(await store.getRequestRecord(req)).toEqual(req);
    });

    it('STALE when the bundle’s coupons differ from the ones read: nothing written', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const read = [issued.coupon];
      const coupons = await usedOnce(store, issued);
      const stale = [deactivation(issued, read), deactivation(issued, [issued.coupon, coupons[1]])];
      for (const command of stale) {
        const req = request(DEACTIVATE);
        expect(await store.deactivateUserCouponBundle(req, command)).toEqual(STALE);
        expect(await store.getRequestRecord(req)).toBeNull();
      }
      expect(await store.listBundleCoupons(issued.bundleId)).toEqual(coupons);
      expect((await store.getUserCouponBundle(issued.bundleId))?.state).toBe('ACTIVE');
    });

    it('STALE when the bundle is already DEACTIVATED; a replay returns the first record', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const command = deactivation(issued, [issued.coupon]);
      const req = request(DEACTIVATE, 'deactivate-1');
      expect(await store.deactivateUserCouponBundle(req, command)).toEqual(APPLIED);
      expect(await store.deactivateUserCouponBundle({ ...req, createdAt: LATER }, command)).toEqual({
        ran: false,
        existing: req,
      });
      const again = deactivation(issued, await store.listBundleCoupons(issued.bundleId));
      const other = request(DEACTIVATE);
      expect(await store.deactivateUserCouponBundle(other, { ...again, transitions: [] })).toEqual(STALE);
      expect(await store.getRequestRecord(other)).toBeNull();
    });

    it('a deactivated bundle issues no further rounds', async () => {
      const { store } = ctx;
      const issued = await issue(store);
      const effective = await confirm(store, issued.coupon);
      const keep = { ...deactivation(issued, [effective]), transitions: [] };
      expect(await store.deactivateUserCouponBundle(request(DEACTIVATE), keep)).toEqual(APPLIED);
      const next = nextRound(issued, effective);
      const req = request(USE);
      const use = { transition: transition(effective, 'USED'), userCouponBundleId: issued.bundleId, next };
      expect(await store.useUserCoupon(req, use)).toEqual(STALE);
      expect(await store.listBundleCoupons(issued.bundleId)).toEqual([effective]);
      expect(await store.getRequestRecord(req)).toBeNull();
    });

    it('racing a use of the same bundle: exactly one of them applies', async () => {
      const { store } = ctx;
      for (let n = 0; n < 5; n++) {
        const issued = await issue(store);
        const effective = await confirm(store, issued.coupon);
        const use = { transition: transition(effective, 'USED'), userCouponBundleId: issued.bundleId };
        const [used, deactivated] = await Promise.all([
          store.useUserCoupon(request(USE), { ...use, next: nextRound(issued, effective) }),
          store.deactivateUserCouponBundle(request(DEACTIVATE), deactivation(issued, [effective])),
        ]);
        const kinds = [used, deactivated].map((o) => (o.ran ? o.value.kind : 'REPLAY'));
        expect(kinds.sort()).toEqual(['APPLIED', 'STALE']);
        const coupons = await store.listBundleCoupons(issued.bundleId);
        const bundle = await store.getUserCouponBundle(issued.bundleId);
        if (used.ran && used.value.kind === 'APPLIED') {
          expect(coupons.map((c) => c.state)).toEqual(['USED', 'CONFIRMING']);
          expect(bundle?.state).toBe('ACTIVE');
        } else {
          expect(coupons.map((c) => c.state)).toEqual(['DEACTIVATED']);
          expect(bundle?.state).toBe('DEACTIVATED');
        }
      }
    });
  });
}

import type { Kysely } from 'kysely';
import { BUSINESS_TABLES } from '../business-tables.js';
import type { Guarded, RequestRecord } from '../catalog.js';
import type { CouponLifecycleStore, CouponTransition, LifecycleOutcome } from '../lifecycle.js';
import type { RequestRecords } from './requests.js';
import { compiled, jsonText, prepare } from './statement.js';
import type { Database, TableName } from './tables.js';
import { all, type Engine, RollbackWith, run, type Work } from './work.js';

type Outcome = Guarded<LifecycleOutcome>;

const STALE = new RollbackWith<Outcome>({ ran: true, value: { kind: 'STALE' } });

type Transition = Omit<CouponTransition, 'detail'> & { detail: string };

function lifecycleStatements(k: Kysely<Database>) {
  return {
    transition: prepare((t: Transition) =>
      k
        .updateTable('user_coupons')
        .set({ state: t.to, detail: t.detail, updated_at: t.updatedAt })
        .where('coupon_code', '=', t.couponCode)
        .where('state', '=', t.from),
    ),
    addUsed: prepare((a: { id: string; delta: number; at: string }) =>
      k
        .updateTable('user_coupon_bundles')
        .set((eb) => ({ used_count: eb('used_count', '+', a.delta), updated_at: a.at }))
        .where('user_coupon_bundle_id', '=', a.id)
        .where((eb) => eb.between(eb('used_count', '+', a.delta), 0, eb.ref('total_count'))),
    ),
    deactivate: prepare((a: { id: string; at: string }) =>
      k
        .updateTable('user_coupon_bundles')
        .set({ state: 'DEACTIVATED', updated_at: a.at })
        .where('user_coupon_bundle_id', '=', a.id)
        .where('state', '=', 'ACTIVE'),
    ),
    coupons: prepare((a: { id: string }) =>
      k.selectFrom('user_coupons').select(['coupon_code', 'state']).where('user_coupon_bundle_id', '=', a.id),
    ),
  };
}

/**
 * The coupon lifecycle written once for both databases. Every transaction that touches a bundle and its coupons
 * changes the bundle row first: on PostgreSQL that locks it, so use, return and deactivate of one bundle queue on
 * it instead of deadlocking on coupon rows. Use and the sweep are each adapter's.
 */
export function typedLifecycle(e: Engine, requests: RequestRecords) {
  const { k } = e;
  const q = lifecycleStatements(k);
  const wipe = BUSINESS_TABLES.map((table) => compiled(k.deleteFrom(table as TableName)));

  /** Compare-and-set: the coupon moves only from the state the service read. */
  function* apply(t: CouponTransition): Work<void> {
    if ((yield* run(q.transition, { ...t, detail: jsonText(t.detail)! })) === 0) throw STALE;
  }
  /** `used_count ± 1`, never outside `0..total_count`. */
  function* addUsed(id: string, delta: 1 | -1, at: string): Work<void> {
    if ((yield* run(q.addUsed, { id, delta, at })) === 0) throw STALE;
  }
  /** D-5: the request record and `mutate` commit together; any outcome but APPLIED rolls both back. */
  const guarded = (request: RequestRecord, mutate: () => Work<void>): Promise<Outcome> =>
    e.write(() =>
      requests.guarded(request, function* () {
        yield* mutate();
        return { kind: 'APPLIED' } as const;
      }),
    );

  const store: Omit<CouponLifecycleStore, 'useUserCoupon' | 'advanceCouponStates'> = {
    confirmUserCoupon: (request, transition) => guarded(request, () => apply(transition)),
    returnUserCoupon: (request, { transition, userCouponBundleId }) =>
      guarded(request, function* () {
        yield* addUsed(userCouponBundleId, -1, transition.updatedAt);
        yield* apply(transition);
      }),
    deactivateUserCouponBundle: (request, { userCouponBundleId: id, expected, transitions, deactivation }) =>
      guarded(request, function* () {
        if ((yield* run(q.deactivate, { id, at: deactivation.time })) === 0) throw STALE;
        // Read after the bundle's change: a use that issued a round before it is visible here.
        const wanted = new Map(expected.map((c) => [c.couponCode, c.state]));
        const actual = yield* all(q.coupons, { id });
        if (actual.length !== wanted.size || actual.some((a) => wanted.get(a.coupon_code) !== a.state)) throw STALE;
        for (const t of transitions) yield* apply(t);
      }),
    wipeBusinessData: () =>
      e.write(function* () {
        for (const statement of wipe) yield* run(statement, undefined);
      }),
  };
  return { apply, addUsed, guarded, store };
}

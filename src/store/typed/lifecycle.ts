import { type RawBuilder, sql } from 'kysely';
import type { Guarded, RequestRecord } from '../catalog.js';
import type { CouponLifecycleStore, CouponTransition, LifecycleOutcome } from '../lifecycle.js';
import { couponTimeBounds } from './issuance.js';
import type { RequestRecords } from './requests.js';
import { compiled, jsonText, prepare } from './statement.js';
import { type TableName, tables } from './tables.js';
import { all, type Engine, RollbackWith, run, type Work } from './work.js';

type Outcome = Guarded<LifecycleOutcome>;

const STALE = new RollbackWith<Outcome>({ ran: true, value: { kind: 'STALE' } });

type Transition = Omit<CouponTransition, 'detail'> & { detail: string };

/** Tables `sandbox reset` keeps (D-20): tenancy, keys, settings and registered stores. Replay nonces stay too. */
const KEPT: TableName[] = [
  'appids',
  'brand_authorizations',
  'brand_stores',
  'brands',
  'merchant_keys',
  'merchants',
  'platform_keys',
  'settings',
  'unionids',
];
/** The rest, children first: `tables` lists each table after those it references. */
const BUSINESS_TABLES = (Object.keys(tables) as TableName[]).reverse().filter((table) => !KEPT.includes(table));

type Sweep = { at: string; expireBefore: string; limit: number };

/**
 * A move of the sweep, at most `limit` coupons that are `due`. The picked rows are materialized once: on PostgreSQL a
 * subquery in the UPDATE's WHERE may be rescanned and, skipping the rows this statement already changed, pick more
 * than `limit`. Instances sweep concurrently there, so rows another sweep holds are skipped and the outer condition
 * re-checks each row's latest version; SQLite's single writer needs no row locks.
 */
function sweep(e: Engine, to: 'EXPIRED' | 'EFFECTIVE', due: (a: Sweep) => RawBuilder<boolean>) {
  return prepare((a: Sweep) =>
    e.k
      .with(
        (cte) => cte('picked').materialized(),
        (db) =>
          db
            .selectFrom('user_coupons')
            .select('coupon_code')
            .where(due(a))
            .limit(a.limit)
            .$if(e.dialect === 'postgres', (s) => s.forUpdate().skipLocked()),
      )
      .updateTable('user_coupons as u')
      .from('picked')
      .set({ state: to, updated_at: a.at })
      .whereRef('u.coupon_code', '=', 'picked.coupon_code')
      .where(due(a)),
  );
}

function lifecycleStatements(e: Engine) {
  const { k } = e;
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
    // The sweep's moves (D-14): past their end → EXPIRED, then PENDING whose begin has come → EFFECTIVE.
    expire: sweep(
      e,
      'EXPIRED',
      (a) => sql<boolean>`state IN ('PENDING', 'EFFECTIVE') AND valid_end_time < ${a.expireBefore}`,
    ),
    activate: sweep(e, 'EFFECTIVE', (a) => sql<boolean>`state = 'PENDING' AND valid_begin_time <= ${a.at}`),
  };
}

/**
 * The coupon lifecycle written once for both databases. Every transaction that touches a bundle and its coupons
 * changes the bundle row first: on PostgreSQL that locks it, so use, return and deactivate of one bundle queue on
 * it instead of deadlocking on coupon rows. Use is each adapter's.
 */
export function typedLifecycle(e: Engine, requests: RequestRecords) {
  const { k } = e;
  const q = lifecycleStatements(e);
  const wipe = BUSINESS_TABLES.map((table) => compiled(k.deleteFrom(table)));

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
    requests.guarded(request, function* () {
      yield* mutate();
      return { kind: 'APPLIED' } as const;
    });

  const store: Omit<CouponLifecycleStore, 'useUserCoupon'> = {
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
    advanceCouponStates: (now, limit) =>
      e.write(function* () {
        const a = { ...couponTimeBounds(now), limit };
        return { expired: yield* run(q.expire, a), activated: yield* run(q.activate, a) };
      }),
    wipeBusinessData: () =>
      e.write(function* () {
        for (const statement of wipe) yield* run(statement, undefined);
      }),
  };
  return { apply, addUsed, guarded, store };
}

export type SharedLifecycle = ReturnType<typeof typedLifecycle>;

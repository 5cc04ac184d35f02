import type { ExpressionBuilder, Kysely } from 'kysely';
import { toRfc3339 } from '../../domain/clock.js';
import type { IssuanceStore, UserCouponQuery, UserCouponState } from '../issuance.js';
import { countTotal, equalTo, insertRecord, perShape, prepare, selectBy } from './statement.js';
import type { Database } from './tables.js';
import { all, type Engine, positional, readAll, readOne, recordBy, writes } from './work.js';

/**
 * Bounds of the time-driven moves at `now`. Stored times are whole seconds in toRfc3339's fixed format, so they
 * compare as text: `end < now` holds exactly when `end < expireBefore` (`now + 999 ms`), and `begin <= now` when
 * `begin <= at`; `at` is also the new `updated_at`.
 */
export function couponTimeBounds(now: Date): { at: string; expireBefore: string } {
  return { at: toRfc3339(now), expireBefore: toRfc3339(new Date(now.getTime() + 999)) };
}

/** A list query's placeholders: the time-driven states are flags, so each gets a statement shape of its own. */
type ListArgs = Omit<UserCouponQuery, 'state' | 'now'> & {
  stored?: UserCouponState;
  expired?: true;
  effective?: true;
  pending?: true;
  at: string;
  expireBefore: string;
};

function listArgs({ state, now, ...query }: UserCouponQuery): ListArgs {
  const timed = state === 'EXPIRED' || state === 'EFFECTIVE' || state === 'PENDING';
  return {
    ...query,
    ...couponTimeBounds(now),
    stored: timed ? undefined : state,
    expired: state === 'EXPIRED' || undefined,
    effective: state === 'EFFECTIVE' || undefined,
    pending: state === 'PENDING' || undefined,
  };
}

/**
 * Holds for a `user_coupons` row exactly when `stateAt` gives the asked state at `now` (D-14, D-109): a filter on
 * the state the coupon has now, whether or not the sweep has stored it yet.
 */
function stateAt(eb: ExpressionBuilder<Database, 'user_coupons'>, a: ListArgs, given: (f: keyof ListArgs) => unknown) {
  const live = eb('state', 'in', ['PENDING', 'EFFECTIVE']);
  if (given('expired') !== undefined)
    return eb.or([eb('state', '=', 'EXPIRED'), eb.and([live, eb('valid_end_time', '<', a.expireBefore)])]);
  if (given('effective') !== undefined)
    return eb.and([
      live,
      eb('valid_end_time', '>=', a.expireBefore),
      eb.or([eb('state', '=', 'EFFECTIVE'), eb('valid_begin_time', '<=', a.at)]),
    ]);
  if (given('pending') !== undefined)
    return eb.and([
      eb('state', '=', 'PENDING'),
      eb('valid_end_time', '>=', a.expireBefore),
      eb('valid_begin_time', '>', a.at),
    ]);
  return eb.and(equalTo({ state: given('stored') as UserCouponState | undefined }));
}

/** A page of a user's coupons and the total, one statement shape per set of filters given. */
const userCouponList = (k: Kysely<Database>) =>
  perShape((a: ListArgs, given) => {
    const filtered = k.selectFrom('user_coupons').where((eb) =>
      eb.and([
        eb.and(
          equalTo({
            brand_id: a.brandId,
            openid: a.openid,
            mchid: a.mchid,
            product_coupon_id: given('productCouponId'),
            stock_id: given('stockId'),
            user_coupon_bundle_id: given('userCouponBundleId'),
          }),
        ),
        stateAt(eb, a, given),
      ]),
    );
    return {
      count: filtered.select(countTotal),
      page: filtered.selectAll().orderBy('created_at', 'desc').orderBy('coupon_code').limit(a.limit).offset(a.offset),
    };
  });

/**
 * Issuance reads and the token insert, the same on both databases. The issuing transaction is each adapter's;
 * PostgreSQL gathers the token, issuance and per-user lookups of concurrent requests (D-58).
 */
export function typedIssuance(e: Engine): Omit<IssuanceStore, 'issueBundle'> {
  const { k } = e;
  const toCoupon = e.records('user_coupons');
  const list = userCouponList(k);
  const bundleCoupons = prepare((a: { id: string }) =>
    k.selectFrom('user_coupons').selectAll().where('user_coupon_bundle_id', '=', a.id).orderBy('idx'),
  );
  const userCount = readOne(e, selectBy(k, 'user_counts', 'stock_id', 'user_key'), (r) => r.count);
  // The issuance a brand's `send_request_no` is bound to (D-6).
  const getIssuance = recordBy(e, 'issuances', 'mchid', 'brand_id', 'send_request_no');
  const getUserCount = async (stockId: string, userKey: string) => (await userCount({ stockId, userKey })) ?? 0;
  return {
    insertToken: writes(e, insertRecord(k, 'tokens')),
    getToken: recordBy(e, 'tokens', 'token_hash'),
    getIssuance,
    getUserCount,
    getIssuanceAndUserCount: async (mchid, brandId, sendRequestNo, stockId, userKey) => ({
      issuance: await getIssuance(mchid, brandId, sendRequestNo),
      userCount: await getUserCount(stockId, userKey),
    }),
    getUserCouponBundle: recordBy(e, 'user_coupon_bundles', 'user_coupon_bundle_id'),
    getUserCoupon: recordBy(e, 'user_coupons', 'coupon_code'),
    listBundleCoupons: positional(readAll(e, bundleCoupons, toCoupon), 'id'),
    listUserCoupons: (query) =>
      e.snapshot(function* () {
        const args = listArgs(query);
        const { count, page } = list(args);
        const [counted] = yield* all(count, args);
        return { coupons: (yield* all(page, args)).map(toCoupon), total: counted!.total };
      }),
  };
}

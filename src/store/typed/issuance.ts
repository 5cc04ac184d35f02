import type { ExpressionBuilder, Kysely } from 'kysely';
import { toRfc3339 } from '../../domain/clock.js';
import type { IssuanceStore, UserCouponQuery, UserCouponState } from '../issuance.js';
import { equalTo, insertRecord, perShape, prepare } from './statement.js';
import type { Database } from './tables.js';
import { all, type Engine, readOne } from './work.js';

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

/** The issuance a brand's `send_request_no` is bound to (D-6). */
export const issuanceByRequest = (k: Kysely<Database>) =>
  prepare((a: { mchid: string; brandId: string; sendRequestNo: string }) =>
    k
      .selectFrom('issuances')
      .selectAll()
      .where('mchid', '=', a.mchid)
      .where('brand_id', '=', a.brandId)
      .where('send_request_no', '=', a.sendRequestNo),
  );

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
      count: filtered.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('total')),
      page: filtered.selectAll().orderBy('created_at', 'desc').orderBy('coupon_code').limit(a.limit).offset(a.offset),
    };
  });

function issuanceStatements(k: Kysely<Database>) {
  const coupons = k.selectFrom('user_coupons').selectAll();
  return {
    insertToken: insertRecord(k, 'tokens'),
    token: prepare((a: { tokenHash: string }) =>
      k.selectFrom('tokens').selectAll().where('token_hash', '=', a.tokenHash),
    ),
    issuance: issuanceByRequest(k),
    userCount: prepare((a: { stockId: string; userKey: string }) =>
      k.selectFrom('user_counts').select('count').where('stock_id', '=', a.stockId).where('user_key', '=', a.userKey),
    ),
    bundle: prepare((a: { id: string }) =>
      k.selectFrom('user_coupon_bundles').selectAll().where('user_coupon_bundle_id', '=', a.id),
    ),
    coupon: prepare((a: { code: string }) => coupons.where('coupon_code', '=', a.code)),
    bundleCoupons: prepare((a: { id: string }) => coupons.where('user_coupon_bundle_id', '=', a.id).orderBy('idx')),
    list: userCouponList(k),
  };
}

/**
 * Issuance reads and the token insert, the same on both databases. The issuing transaction is each adapter's;
 * PostgreSQL gathers the token, issuance and per-user lookups of concurrent requests (D-58).
 */
export function typedIssuance(e: Engine): Omit<IssuanceStore, 'issueBundle'> {
  const q = issuanceStatements(e.k);
  const toCoupon = e.records('user_coupons');
  const get = {
    token: readOne(e, q.token, e.records('tokens')),
    issuance: readOne(e, q.issuance, e.records('issuances')),
    userCount: readOne(e, q.userCount, (r) => r.count),
    bundle: readOne(e, q.bundle, e.records('user_coupon_bundles')),
    coupon: readOne(e, q.coupon, toCoupon),
  };
  return {
    insertToken: async (token) => {
      await e.change(q.insertToken, token);
    },
    getToken: (tokenHash) => get.token({ tokenHash }),
    getIssuance: (mchid, brandId, sendRequestNo) => get.issuance({ mchid, brandId, sendRequestNo }),
    getUserCount: async (stockId, userKey) => (await get.userCount({ stockId, userKey })) ?? 0,
    getUserCouponBundle: (id) => get.bundle({ id }),
    getUserCoupon: (code) => get.coupon({ code }),
    listBundleCoupons: (id) =>
      e.read(function* () {
        return (yield* all(q.bundleCoupons, { id })).map(toCoupon);
      }),
    listUserCoupons: (query) =>
      e.snapshot(function* () {
        const args = listArgs(query);
        const { count, page } = q.list(args);
        const [counted] = yield* all(count, args);
        return { coupons: (yield* all(page, args)).map(toCoupon), total: counted!.total };
      }),
  };
}

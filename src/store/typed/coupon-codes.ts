import { sql } from 'kysely';
import type { CouponCodeStore } from '../codes.js';
import type { RequestRecords } from './requests.js';
import { compiled, jsonText, prepare } from './statement.js';
import { all, type Engine, run, type Work } from './work.js';

/** Uploads to a stock's code pool, the same on both databases (D-85). Codes are handed out by each adapter. */
export function couponCodeWrites(e: Engine, requests: RequestRecords): CouponCodeStore {
  const { k } = e;
  const q = {
    count: prepare((a: { stockId: string; added: number }) =>
      k
        .insertInto('coupon_code_counts')
        .values({ stock_id: a.stockId, total_count: a.added, available_count: a.added })
        .onConflict((oc) =>
          oc.column('stock_id').doUpdateSet({
            total_count: sql`coupon_code_counts.total_count + excluded.total_count`,
            available_count: sql`coupon_code_counts.available_count + excluded.available_count`,
          }),
        ),
    ),
    respond: prepare((a: { mchid: string; brandId: string; api: string; requestNo: string; response: string }) =>
      k
        .updateTable('request_records')
        .set({ response: a.response })
        .where('mchid', '=', a.mchid)
        .where('brand_id', '=', a.brandId)
        .where('api', '=', a.api)
        .where('request_no', '=', a.requestNo),
    ),
  };

  /** Codes some user coupon already carries (issued from another mode or another pool) are never pooled. */
  const issued = (codes: string[]) =>
    compiled(k.selectFrom('user_coupons').select('coupon_code').where('coupon_code', 'in', codes));

  /**
   * Inserted in code order, so two uploads sharing codes wait for each other in the same order and never deadlock;
   * a code another transaction holds is left out once that one commits.
   */
  const insert = (stockId: string, codes: string[]) =>
    compiled(
      k
        .insertInto('coupon_codes')
        .values(codes.map((coupon_code) => ({ coupon_code, stock_id: stockId, taken: 0 })))
        .onConflict((oc) => oc.column('coupon_code').doNothing())
        .returning('coupon_code'),
    );

  function* store(stockId: string, codes: string[]): Work<string[]> {
    if (codes.length === 0) return [];
    const taken = new Set((yield* all(issued(codes), undefined)).map((r) => r.coupon_code));
    const fresh = codes.filter((c) => !taken.has(c)).sort();
    if (fresh.length === 0) return [];
    const stored = new Set((yield* all(insert(stockId, fresh), undefined)).map((r) => r.coupon_code));
    if (stored.size > 0) yield* run(q.count, { stockId, added: stored.size });
    return codes.filter((c) => stored.has(c));
  }

  return {
    uploadCouponCodes: (request, stockId, codes, respond) =>
      requests.guarded({ ...request, response: '' }, function* () {
        const stored = yield* store(stockId, codes);
        yield* run(q.respond, { ...request, response: jsonText(respond(stored))! });
        return stored;
      }),
  };
}

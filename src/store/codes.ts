import type { Guarded, RequestRecord } from './catalog.js';

/** Port methods of pre-uploaded coupon codes (D-85, D-86). */
export interface CouponCodeStore {
  /**
   * Adds to the stock's pool, in one transaction bound to `request` (D-5), every code of `codes` that exists nowhere
   * yet (no pool holds it and no user coupon carries it), and counts them in `coupon_code_count_info`. The answer
   * recorded for the request number is `respond(stored)`; the value is the codes stored.
   */
  uploadCouponCodes(
    request: Omit<RequestRecord, 'response'>,
    stockId: string,
    codes: string[],
    respond: (stored: string[]) => unknown,
  ): Promise<Guarded<string[]>>;
}

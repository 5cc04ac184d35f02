import type { PgClient } from './database.js';

/**
 * Hands out the stock's oldest untaken pre-uploaded code (D-86) inside the caller's transaction, or null when the
 * pool is empty: `coupond_take_code` (functions/take-code.ts) skips codes other transactions hold, so concurrent
 * takers on any instance never get the same code. Every issuance from a pool takes its code through that function.
 */
export async function takeCouponCode(c: PgClient, stockId: string): Promise<string | null> {
  const { rows } = await c.query<{ code: string | null }>('SELECT coupond_take_code($1) AS code', [stockId]);
  return rows[0]?.code ?? null;
}

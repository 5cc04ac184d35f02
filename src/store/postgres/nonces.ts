import type { Database } from './database.js';

const REMEMBER = `
INSERT INTO nonces (mchid, nonce, expires_at) VALUES ($1, $2, $4)
ON CONFLICT (mchid, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= $3
RETURNING 1`;

/** Deletes a bounded batch of expired nonces; rows another instance is deleting are skipped, not waited for. */
const PRUNE = `
DELETE FROM nonces WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM nonces WHERE expires_at <= $1 LIMIT 500 FOR UPDATE SKIP LOCKED
))`;

/**
 * Replay nonces shared by every instance (D-17): a pair is new if absent or expired. Every `pruneEvery`-th call
 * also drops a batch of expired rows, so the table stays at about one window of traffic.
 */
export function postgresNonces(db: Database, pruneEvery = 64) {
  let calls = 0;
  return async function rememberNonce(mchid: string, nonce: string, now: Date, expiresAt: Date): Promise<boolean> {
    const fresh = await db.query(REMEMBER, [mchid, nonce, now, expiresAt]);
    if (++calls % pruneEvery === 0) await db.query(PRUNE, [now]);
    return fresh.length > 0;
  };
}

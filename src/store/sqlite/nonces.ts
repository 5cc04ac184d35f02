import type { SqliteDb } from './database.js';

const REMEMBER = `
INSERT INTO nonces (mchid, nonce, expires_at) VALUES (?, ?, ?)
ON CONFLICT (mchid, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= ?
RETURNING 1`;

const PRUNE = `
DELETE FROM nonces WHERE (mchid, nonce) IN (SELECT mchid, nonce FROM nonces WHERE expires_at <= ? LIMIT 500)`;

type Batch = <R>(unit: () => R) => Promise<R>;

/**
 * Replay nonces in the database file (D-43): a pair is new if absent or expired. Each one joins the group commit,
 * so concurrent requests share one durable commit and a remembered nonce survives a restart or a crash. Every
 * `pruneEvery`-th call also drops a batch of expired rows.
 */
export function sqliteNonces(db: SqliteDb, batch: Batch, pruneEvery = 64) {
  const remember = db.prepare(REMEMBER);
  const prune = db.prepare(PRUNE);
  let calls = 0;
  return async function rememberNonce(mchid: string, nonce: string, now: Date, expiresAt: Date): Promise<boolean> {
    const nowMs = now.getTime();
    const pruning = ++calls % pruneEvery === 0;
    return batch(() => {
      if (pruning) prune.run(nowMs);
      return remember.get(mchid, nonce, expiresAt.getTime(), nowMs) !== undefined;
    });
  };
}

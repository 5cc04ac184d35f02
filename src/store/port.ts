/**
 * The Store port. Every method is one atomic unit of work (one transaction in the adapter) and returns a Promise,
 * so services never hold a connection and the same services run on SQLite and PostgreSQL.
 */
import type { TenantStore } from './tenants.js';

export type { TenantStore } from './tenants.js';

export interface Store extends TenantStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Remembers `(mchid, nonce)` until `expiresAt`; false when it was already seen (replay, D-17). */
  rememberNonce(mchid: string, nonce: string, now: Date, expiresAt: Date): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

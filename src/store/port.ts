/**
 * The Store port. Every method is one atomic unit of work (one transaction in the adapter) and returns a Promise,
 * so services never hold a connection and the same services run on SQLite and PostgreSQL.
 */
import type { BatchCount } from './batch-tally.js';
import type { CatalogStore } from './catalog.js';
import type { CouponCodeStore } from './codes.js';
import type { ConsoleStore } from './console.js';
import type { ImageTaskStore } from './image-tasks.js';
import type { IssuanceStore } from './issuance.js';
import type { CouponLifecycleStore, OutboxStore } from './lifecycle.js';
import type { MediaStore } from './media.js';
import type { StoresStore } from './stores.js';
import type { TenantStore } from './tenants.js';

export interface Store
  extends TenantStore,
    CatalogStore,
    CouponCodeStore,
    StoresStore,
    IssuanceStore,
    CouponLifecycleStore,
    OutboxStore,
    ConsoleStore,
    MediaStore,
    ImageTaskStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Remembers `(mchid, nonce)` until `expiresAt`; false when it was already seen (replay, D-17). */
  rememberNonce(mchid: string, nonce: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Resolves when the store can serve reads and writes, rejects saying why (`/readyz` bounds the wait, D-31). */
  ping(): Promise<void>;
  /** Group-committed database calls so far, by kind, with the commands they carried (D-131). */
  batchCounts(): Record<string, BatchCount>;
  close(): Promise<void>;
}

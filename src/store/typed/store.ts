import type { Store } from '../port.js';
import { typedBudget } from './budget.js';
import { catalogQueries } from './catalog.js';
import { catalogWrites } from './catalog-writes.js';
import { typedConsole } from './console.js';
import { couponCodeWrites } from './coupon-codes.js';
import { typedImageTasks } from './image-tasks.js';
import { typedIssuance } from './issuance.js';
import { type SharedLifecycle, typedLifecycle } from './lifecycle.js';
import { typedMedia } from './media.js';
import { typedOutbox } from './outbox.js';
import { requestRecords } from './requests.js';
import { typedStores } from './stores.js';
import { typedTenants } from './tenants.js';
import type { Engine } from './work.js';

/** The port methods each adapter writes for its own database: the contended transactions and replay nonces. */
type PerDialect = 'issueBundle' | 'useUserCoupon' | 'claimDueEvents' | 'rememberNonce';

/** The port methods written once for both databases, and the lifecycle steps the adapters' use builds on. */
export function typedStore(e: Engine): {
  lifecycle: SharedLifecycle;
  methods: Omit<Store, PerDialect | 'kind' | 'ping' | 'close' | 'batchCounts'>;
} {
  const requests = requestRecords(e);
  const lifecycle = typedLifecycle(e, requests);
  const methods = {
    ...typedTenants(e),
    ...catalogQueries(e),
    ...catalogWrites(e, requests),
    ...couponCodeWrites(e, requests),
    ...typedBudget(e, requests),
    ...typedStores(e),
    ...typedIssuance(e),
    ...typedConsole(e),
    ...typedMedia(e),
    ...typedImageTasks(e, requests),
    ...lifecycle.store,
    ...typedOutbox(e),
  };
  return { lifecycle, methods };
}

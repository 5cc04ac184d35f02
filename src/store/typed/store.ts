import type { LifecycleStore } from '../lifecycle.js';
import type { Store } from '../port.js';
import { catalogQueries } from './catalog.js';
import { catalogWrites } from './catalog-writes.js';
import { typedConsole } from './console.js';
import { couponCodeWrites } from './coupon-codes.js';
import { typedImageTasks } from './image-tasks.js';
import { typedIssuance } from './issuance.js';
import { typedMedia } from './media.js';
import { type RequestRecords, requestRecords } from './requests.js';
import { typedStores } from './stores.js';
import { typedTenants } from './tenants.js';
import type { Engine } from './work.js';

/** The port methods each adapter writes for its own database. */
type PerDialect = keyof LifecycleStore | 'updateBundleBudget' | 'updateStockBudget' | 'issueBundle' | 'rememberNonce';

/**
 * The port methods written once for both databases, and the request records and catalog reads that the adapters'
 * own transactions build on.
 */
export function typedStore(e: Engine): {
  requests: RequestRecords;
  catalog: ReturnType<typeof catalogQueries>;
  methods: Omit<Store, PerDialect | 'kind' | 'ping' | 'close'>;
} {
  const requests = requestRecords(e);
  const catalog = catalogQueries(e);
  const methods = {
    ...typedTenants(e),
    ...catalog.reads,
    ...catalogWrites(e, requests),
    ...couponCodeWrites(e, requests),
    ...typedStores(e),
    ...typedIssuance(e),
    ...typedConsole(e),
    ...typedMedia(e),
    ...typedImageTasks(e, requests),
  };
  return { requests, catalog, methods };
}

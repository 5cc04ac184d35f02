import type { LifecycleStore } from '../lifecycle.js';
import type { Store } from '../port.js';
import { typedBudget } from './budget.js';
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
type PerDialect = keyof LifecycleStore | 'issueBundle' | 'rememberNonce';

/** The port methods written once for both databases, and the request records the adapters' own ones build on. */
export function typedStore(e: Engine): {
  requests: RequestRecords;
  methods: Omit<Store, PerDialect | 'kind' | 'ping' | 'close'>;
} {
  const requests = requestRecords(e);
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
  };
  return { requests, methods };
}

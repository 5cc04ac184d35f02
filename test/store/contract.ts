import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/port.js';
import { budgetContract } from './contract/budget.js';
import { catalogContract } from './contract/catalog.js';
import { catalogStatesContract } from './contract/catalog-states.js';
import { concurrencyContract } from './contract/concurrency.js';
import { couponCodeContract } from './contract/coupon-codes.js';
import type { StoreContext } from './contract/fixtures.js';
import { imageTasksContract } from './contract/image-tasks.js';
import { issuanceContract } from './contract/issuance.js';
import { lifecycleContract } from './contract/lifecycle.js';
import { lifecycleDeactivateContract } from './contract/lifecycle-deactivate.js';
import { lifecycleOutboxContract } from './contract/lifecycle-outbox.js';
import { lifecycleSweepContract, listStateAtContract } from './contract/lifecycle-sweep.js';
import { lifecycleUseContract } from './contract/lifecycle-use.js';
import { lifecycleWipeContract } from './contract/lifecycle-wipe.js';
import { listStocksContract } from './contract/list-stocks.js';
import { mediaContract } from './contract/media.js';
import { requestRecordContract } from './contract/request-records.js';
import { storesContract } from './contract/stores.js';
import { tenantContract } from './contract/tenants.js';
import { userCouponContract } from './contract/user-coupons.js';

/**
 * The Store port's conformance suite: every adapter runs it unchanged. Each test gets a fresh, empty store from
 * `open` and hands it to `close` afterwards (default: `store.close()`).
 */
export function runStoreContract(
  name: string,
  open: () => Promise<Store>,
  close: (store: Store) => Promise<void> = (store) => store.close(),
): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | null = null;
    const ctx: StoreContext = {
      get store() {
        if (!current) throw new Error('no store open outside a test');
        return current;
      },
    };
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      if (current) await close(current);
      current = null;
    });

    tenantContract(ctx);
    requestRecordContract(ctx);
    catalogContract(ctx);
    listStocksContract(ctx);
    catalogStatesContract(ctx);
    budgetContract(ctx);
    storesContract(ctx);
    issuanceContract(ctx);
    couponCodeContract(ctx);
    userCouponContract(ctx);
    concurrencyContract(ctx);
    lifecycleContract(ctx);
    lifecycleUseContract(ctx);
    lifecycleDeactivateContract(ctx);
    mediaContract(ctx);
    imageTasksContract(ctx);
    lifecycleSweepContract(ctx);
    listStateAtContract(ctx);
    lifecycleOutboxContract(ctx);
    lifecycleWipeContract(ctx);
  });
}

import { Region } from '../../cache-region.js';
import type { Store } from '../../port.js';
import { WHOLE_TABLES } from '../functions/cache-notify.js';
import type { Listener } from './listener.js';

/** The tables an instance caches; a notification names one of them (functions/cache-notify.ts). */
const TABLES = [...WHOLE_TABLES, 'stocks'] as const;
type Table = (typeof TABLES)[number];

/** Day counters and code counts are read with their stocks, so a change to them invalidates the stocks region. */
const regionOf = (table: string): Table | undefined =>
  table === 'stock_day_counts' || table === 'coupon_code_counts' ? 'stocks' : TABLES.find((t) => t === table);

/** Entries each region keeps: unionids are one per user, the rest one per merchant, brand or campaign. */
const capacity = (t: Table) => (t === 'unionids' ? 100_000 : 10_000);

export interface StoreCache {
  /** Drops what a notification about `table` makes stale. */
  invalidate(table: string): void;
  /** Drops everything (the LISTEN connection came up or went down). */
  reset(): void;
  wrap(store: Store): Store;
}

const always = () => true;

/**
 * Per-instance caches of tenancy, keys and the catalog reads that pre-send and claim make (D-52). Entries live
 * until a notification about their table arrives (any instance's change, on commit) or this instance changes the
 * table itself; nothing is served while the LISTEN connection is down. Counters are not cached, except in
 * `getIssuanceStocks`, whose counters may lag until a counter reaches its cap; the issuance call enforces the caps.
 */
export function storeCache(listener: Pick<Listener, 'listening'>): StoreCache {
  const active = () => listener.listening;
  const regions = {} as Record<Table, Region<unknown>>;
  for (const t of TABLES) regions[t] = new Region(capacity(t), active);
  /** A read served from `t`'s region, keyed by its arguments; `keep` says which answers are worth keeping. */
  const cachedBy =
    <A extends string[], V>(t: Table, read: (...args: A) => Promise<V>, keep?: (value: V) => boolean) =>
    (...args: A): Promise<V> =>
      (regions[t] as Region<V>).get(args.join('\n'), () => read(...args), keep);
  const clear = (...tables: Table[]) => {
    for (const t of tables) regions[t].clear();
  };
  /** Runs a write, then drops the regions it changes, so this instance reads its own writes at once. */
  const writes =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>, ...tables: Table[]) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        clear(...tables);
      }
    };
  const catalog: Table[] = ['product_coupons', 'stock_bundles', 'stocks'];

  return {
    invalidate(table) {
      const t = regionOf(table);
      if (t) clear(t);
    },
    reset() {
      clear(...TABLES);
    },
    wrap(store) {
      const hasUnionIds = cachedBy('unionids', store.brandHasUnionIds, always);
      const unionId = cachedBy('unionids', store.getUnionId, always);
      return {
        ...store,
        getMerchant: cachedBy('merchants', store.getMerchant),
        getMerchantKey: cachedBy('merchant_keys', store.getMerchantKey),
        getBrand: cachedBy('brands', store.getBrand),
        isBrandAuthorized: cachedBy('brand_authorizations', store.isBrandAuthorized, always),
        getAppId: cachedBy('appids', store.getAppId),
        // Most brands register no unionids: knowing that once spares every new user's lookup (D-52).
        getUnionId: async (brandId, openid) => ((await hasUnionIds(brandId)) ? unionId(brandId, openid) : null),
        brandHasUnionIds: hasUnionIds,
        getProductCoupon: cachedBy('product_coupons', store.getProductCoupon),
        getStockBundle: cachedBy('stock_bundles', store.getStockBundle),
        getIssuanceStocks: cachedBy('stocks', store.getIssuanceStocks, (stocks) => stocks.length > 0),

        insertMerchant: writes(store.insertMerchant, 'merchants'),
        setNotifyUrl: writes(store.setNotifyUrl, 'merchants'),
        insertMerchantKey: writes(store.insertMerchantKey, 'merchant_keys'),
        insertBrand: writes(store.insertBrand, 'brands'),
        authorizeBrand: writes(store.authorizeBrand, 'brand_authorizations'),
        upsertAppId: writes(store.upsertAppId, 'appids'),
        setUnionId: writes(store.setUnionId, 'unionids'),
        createProductCoupon: writes(store.createProductCoupon, ...catalog),
        updateProductCoupon: writes(store.updateProductCoupon, ...catalog),
        deactivateProductCoupon: writes(store.deactivateProductCoupon, ...catalog),
        deactivateStock: writes(store.deactivateStock, ...catalog),
        finishAudit: writes(store.finishAudit, ...catalog),
        addStockBundle: writes(store.addStockBundle, ...catalog),
        addStock: writes(store.addStock, ...catalog),
        updateStocksData: writes(store.updateStocksData, ...catalog),
        updateBundleBudget: writes(store.updateBundleBudget, ...catalog),
        uploadCouponCodes: writes(store.uploadCouponCodes, 'stocks'),
        updateStockBudget: writes(store.updateStockBudget, ...catalog),
        wipeBusinessData: writes(store.wipeBusinessData, ...TABLES),
        async issueBundle(command) {
          const outcome = await store.issueBundle(command);
          if (outcome.kind !== 'ISSUED' && outcome.kind !== 'EXISTING') clear('stocks');
          return outcome;
        },
      };
    },
  };
}

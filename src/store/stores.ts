import type { RecordFor } from './typed/records.js';

/** Records and port methods of stores (门店): the brand's registered stores and each stock's associated ones. */
type BrandStoreRecord = RecordFor<'brand_stores'>;

/** `created`; `exists`: already this brand's; `taken`: another brand's store id. */
type StoreRegistration = 'created' | 'exists' | 'taken';

export interface StoreChange {
  /** The stocks to change, in index order: the order PostgreSQL locks them in. */
  stockIds: string[];
  storeIds: string[];
  action: 'associate' | 'disassociate';
  at: string;
}

/** A change refused inside its transaction because a stock moved on meanwhile; nothing was written. */
export type StoreChangeOutcome = { ok: true } | { ok: false; reason: 'scope' | 'deactivated' };

interface StockStoresQuery {
  stockId: string;
  /** Keyset pagination in `store_id` order: stores after this one. */
  afterStoreId?: string;
  limit: number;
}

export interface StoresStore {
  registerStore(record: BrandStoreRecord): Promise<StoreRegistration>;
  /** Those of `storeIds` registered to the brand. */
  brandStoresAmong(brandId: string, storeIds: string[]): Promise<string[]>;
  /**
   * Associates or disassociates every store with every stock, in one transaction that first locks the stocks and
   * re-checks that each is still `SPECIFIC` and not deactivated. Associating an associated store, or disassociating
   * one that is not, changes nothing and is not an error.
   */
  changeStockStores(change: StoreChange): Promise<StoreChangeOutcome>;
  /** A page of the stock's stores and, read in the same snapshot, how many it has in all. */
  listStockStores(query: StockStoresQuery): Promise<{ storeIds: string[]; total: number }>;
  isStoreAssociated(stockId: string, storeId: string): Promise<boolean>;
}

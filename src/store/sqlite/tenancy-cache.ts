import type { AppIdRecord, TenantStore } from '../tenants.js';

/**
 * One process owns a SQLite database and every change goes through these methods, so brand authorizations and
 * AppIDs read on every request are kept in memory and never go stale.
 */
export function rememberOwnedTenancy(store: TenantStore): TenantStore {
  const authorized = new Set<string>();
  const appids = new Map<string, AppIdRecord>();
  return {
    ...store,
    async isBrandAuthorized(brandId, mchid) {
      const key = `${brandId}\n${mchid}`;
      if (authorized.has(key)) return true;
      const found = await store.isBrandAuthorized(brandId, mchid);
      if (found) authorized.add(key);
      return found;
    },
    async upsertAppId(a) {
      await store.upsertAppId(a);
      appids.delete(a.appid);
    },
    async getAppId(appid) {
      const known = appids.get(appid);
      if (known) return known;
      const record = await store.getAppId(appid);
      if (record) appids.set(appid, record);
      return record;
    },
  };
}

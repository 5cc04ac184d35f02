import { Region } from '../cache-region.js';
import type { AppIdRecord, TenantStore } from '../tenants.js';

/**
 * One process owns a SQLite database and every change goes through these methods, so brand authorizations and
 * AppIDs read on every request are kept in memory and never go stale.
 */
export function rememberOwnedTenancy<S extends TenantStore>(store: S): S {
  const always = () => true;
  const authorized = new Region<boolean>(Number.POSITIVE_INFINITY, always);
  const appids = new Region<AppIdRecord | null>(Number.POSITIVE_INFINITY, always);
  return {
    ...store,
    isBrandAuthorized: (brandId, mchid) =>
      authorized.get(
        `${brandId}\n${mchid}`,
        () => store.isBrandAuthorized(brandId, mchid),
        (found) => found,
      ),
    async upsertAppId(a) {
      await store.upsertAppId(a);
      appids.clear();
    },
    getAppId: (appid) => appids.get(appid, () => store.getAppId(appid)),
  };
}

import type { TenantStore } from '../tenants.js';
import { insertNew, insertRecord, prepare, raw, selectBy } from './statement.js';
import { changes, type Engine, exists, first, positional, readAll, readOne, recordBy, run, writes } from './work.js';

/** Tenancy (D-1), the same on both databases. */
export function typedTenants(e: Engine): TenantStore {
  return { ...settingsAndKeys(e), ...merchants(e), ...brands(e) };
}

function settingsAndKeys(e: Engine) {
  const { k } = e;
  const toPlatformKey = e.records('platform_keys');
  const q = {
    getSetting: selectBy(k, 'settings', 'name'),
    initSetting: insertNew(k, 'settings'),
    putSetting: insertRecord(k, 'settings', (i) =>
      i.onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
    ),
    // No unique column says "only one key": on PostgreSQL a table lock makes concurrent first starts agree; a
    // SQLite write transaction already excludes every other writer.
    lockPlatformKeys: e.dialect === 'postgres' ? raw<[]>('LOCK TABLE platform_keys IN SHARE ROW EXCLUSIVE MODE') : null,
    getPlatformKey: prepare(() =>
      k.selectFrom('platform_keys').selectAll().orderBy('created_at').orderBy('key_id').limit(1),
    ),
    insertPlatformKey: insertRecord(k, 'platform_keys'),
  };
  const setting = readOne(e, q.getSetting, (r) => r.value);
  return {
    getSetting: positional(setting, 'name'),
    initSetting: (name, value) =>
      e.write(function* () {
        yield* run(q.initSetting, { name, value });
        return (yield* first(q.getSetting, { name }))!.value;
      }),
    putSetting: positional(writes(e, q.putSetting), 'name', 'value'),
    getPlatformKey: positional(readOne(e, q.getPlatformKey, toPlatformKey)),
    initPlatformKey: (key) =>
      e.write(function* () {
        yield* run(q.lockPlatformKeys, []);
        const existing = yield* first(q.getPlatformKey, {});
        if (existing) return toPlatformKey(existing);
        yield* run(q.insertPlatformKey, key);
        return key;
      }),
  } satisfies Partial<TenantStore>;
}

function merchants(e: Engine) {
  const { k } = e;
  const q = {
    insertMerchant: insertNew(k, 'merchants'),
    listMerchants: prepare(() => k.selectFrom('merchants').selectAll().orderBy('created_at').orderBy('mchid')),
    setNotifyUrl: prepare((a: { mchid: string; url: string; at: string }) =>
      k.updateTable('merchants').set({ notify_url: a.url, notify_updated_at: a.at }).where('mchid', '=', a.mchid),
    ),
    insertMerchantKey: insertNew(k, 'merchant_keys'),
  };
  return {
    insertMerchant: changes(e, q.insertMerchant),
    getMerchant: recordBy(e, 'merchants', 'mchid'),
    listMerchants: positional(readAll(e, q.listMerchants, e.records('merchants'))),
    setNotifyUrl: positional(writes(e, q.setNotifyUrl), 'mchid', 'url', 'at'),
    insertMerchantKey: changes(e, q.insertMerchantKey),
    getMerchantKey: recordBy(e, 'merchant_keys', 'mchid', 'serial_no'),
  } satisfies Partial<TenantStore>;
}

function brandStatements({ k }: Engine) {
  return {
    insertBrand: insertNew(k, 'brands'),
    authorize: insertNew(k, 'brand_authorizations'),
    isAuthorized: selectBy(k, 'brand_authorizations', 'brand_id', 'mchid'),
    upsertAppId: insertRecord(k, 'appids', (i) =>
      i.onConflict((oc) =>
        oc.column('appid').doUpdateSet((eb) => ({
          owner_type: eb.ref('excluded.owner_type'),
          owner_id: eb.ref('excluded.owner_id'),
        })),
      ),
    ),
    setUnionId: insertRecord(k, 'unionids', (i) =>
      i.onConflict((oc) =>
        oc.columns(['brand_id', 'openid']).doUpdateSet((eb) => ({ unionid: eb.ref('excluded.unionid') })),
      ),
    ),
    getUnionId: selectBy(k, 'unionids', 'brand_id', 'openid'),
    anyUnionId: prepare((a: { brandId: string }) =>
      k.selectFrom('unionids').select('openid').where('brand_id', '=', a.brandId).limit(1),
    ),
  };
}

function brands(e: Engine) {
  const q = brandStatements(e);
  const unionId = readOne(e, q.getUnionId, (r) => r.unionid);
  return {
    insertBrand: changes(e, q.insertBrand),
    getBrand: recordBy(e, 'brands', 'brand_id'),
    authorizeBrand: positional(writes(e, q.authorize), 'brandId', 'mchid', 'createdAt'),
    isBrandAuthorized: positional(exists(e, q.isAuthorized), 'brandId', 'mchid'),
    upsertAppId: writes(e, q.upsertAppId),
    getAppId: recordBy(e, 'appids', 'appid'),
    setUnionId: positional(writes(e, q.setUnionId), 'brandId', 'openid', 'unionid'),
    getUnionId: positional(unionId, 'brandId', 'openid'),
    brandHasUnionIds: positional(exists(e, q.anyUnionId), 'brandId'),
  } satisfies Partial<TenantStore>;
}

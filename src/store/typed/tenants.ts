import type { TenantStore } from '../tenants.js';
import { insertNew, insertRecord, prepare, raw, selectBy, upsertRecord } from './statement.js';
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
    putSetting: positional(writes(e, upsertRecord(k, 'settings', 'name')), 'name', 'value'),
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
  const listMerchants = prepare(() => k.selectFrom('merchants').selectAll().orderBy('created_at').orderBy('mchid'));
  const setNotifyUrl = prepare((a: { mchid: string; url: string; at: string }) =>
    k.updateTable('merchants').set({ notify_url: a.url, notify_updated_at: a.at }).where('mchid', '=', a.mchid),
  );
  return {
    insertMerchant: changes(e, insertNew(k, 'merchants')),
    getMerchant: recordBy(e, 'merchants', 'mchid'),
    listMerchants: positional(readAll(e, listMerchants, e.records('merchants'))),
    setNotifyUrl: positional(writes(e, setNotifyUrl), 'mchid', 'url', 'at'),
    insertMerchantKey: changes(e, insertNew(k, 'merchant_keys')),
    getMerchantKey: recordBy(e, 'merchant_keys', 'mchid', 'serial_no'),
  } satisfies Partial<TenantStore>;
}

function brands(e: Engine) {
  const { k } = e;
  const unionId = readOne(e, selectBy(k, 'unionids', 'brand_id', 'openid'), (r) => r.unionid);
  const anyUnionId = prepare((a: { brandId: string }) =>
    k.selectFrom('unionids').select('openid').where('brand_id', '=', a.brandId).limit(1),
  );
  return {
    insertBrand: changes(e, insertNew(k, 'brands')),
    getBrand: recordBy(e, 'brands', 'brand_id'),
    authorizeBrand: positional(writes(e, insertNew(k, 'brand_authorizations')), 'brandId', 'mchid', 'createdAt'),
    isBrandAuthorized: positional(
      exists(e, selectBy(k, 'brand_authorizations', 'brand_id', 'mchid')),
      'brandId',
      'mchid',
    ),
    upsertAppId: writes(e, upsertRecord(k, 'appids', 'appid')),
    getAppId: recordBy(e, 'appids', 'appid'),
    setUnionId: positional(
      writes(e, upsertRecord(k, 'unionids', 'brand_id', 'openid')),
      'brandId',
      'openid',
      'unionid',
    ),
    getUnionId: positional(unionId, 'brandId', 'openid'),
    brandHasUnionIds: positional(exists(e, anyUnionId), 'brandId'),
  } satisfies Partial<TenantStore>;
}

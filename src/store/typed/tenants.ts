import type { TenantStore } from '../tenants.js';
import { insertRecord, prepare, raw } from './statement.js';
import { changes, type Engine, first, readAll, readOne, recordBy, run, writes } from './work.js';

/** Tenancy (D-1), the same on both databases. */
export function typedTenants(e: Engine): TenantStore {
  return { ...settingsAndKeys(e), ...merchants(e), ...brands(e) };
}

type Settings = 'getSetting' | 'initSetting' | 'putSetting' | 'getPlatformKey' | 'initPlatformKey';

function settingsAndKeys(e: Engine): Pick<TenantStore, Settings> {
  const { k } = e;
  const toPlatformKey = e.records('platform_keys');
  const q = {
    getSetting: prepare((a: { name: string }) => k.selectFrom('settings').select('value').where('name', '=', a.name)),
    initSetting: insertRecord(k, 'settings', (i) => i.onConflict((oc) => oc.doNothing())),
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
  const getSetting = readOne(e, q.getSetting, (r) => r.value);
  const putSetting = writes(e, q.putSetting);
  const getPlatformKey = readOne(e, q.getPlatformKey, toPlatformKey);
  return {
    getSetting: (name) => getSetting({ name }),
    initSetting: (name, value) =>
      e.write(function* () {
        yield* run(q.initSetting, { name, value });
        return (yield* first(q.getSetting, { name }))!.value;
      }),
    putSetting: (name, value) => putSetting({ name, value }),
    getPlatformKey: () => getPlatformKey({}),
    initPlatformKey: (key) =>
      e.write(function* () {
        yield* run(q.lockPlatformKeys, []);
        const existing = yield* first(q.getPlatformKey, {});
        if (existing) return toPlatformKey(existing);
        yield* run(q.insertPlatformKey, key);
        return key;
      }),
  };
}

type Merchants = 'insertMerchant' | 'getMerchant' | 'listMerchants' | 'setNotifyUrl';
type MerchantKeys = 'insertMerchantKey' | 'getMerchantKey';

function merchants(e: Engine): Pick<TenantStore, Merchants | MerchantKeys> {
  const { k } = e;
  const q = {
    insertMerchant: insertRecord(k, 'merchants', (i) => i.onConflict((oc) => oc.doNothing())),
    listMerchants: prepare(() => k.selectFrom('merchants').selectAll().orderBy('created_at').orderBy('mchid')),
    setNotifyUrl: prepare((a: { mchid: string; url: string; at: string }) =>
      k.updateTable('merchants').set({ notify_url: a.url, notify_updated_at: a.at }).where('mchid', '=', a.mchid),
    ),
    insertMerchantKey: insertRecord(k, 'merchant_keys', (i) => i.onConflict((oc) => oc.doNothing())),
  };
  const list = readAll(e, q.listMerchants, e.records('merchants'));
  const setNotifyUrl = writes(e, q.setNotifyUrl);
  return {
    insertMerchant: changes(e, q.insertMerchant),
    getMerchant: recordBy(e, 'merchants', 'mchid'),
    listMerchants: () => list({}),
    setNotifyUrl: (mchid, url, at) => setNotifyUrl({ mchid, url, at }),
    insertMerchantKey: changes(e, q.insertMerchantKey),
    getMerchantKey: recordBy(e, 'merchant_keys', 'mchid', 'serial_no'),
  };
}

type Brands = 'insertBrand' | 'getBrand' | 'authorizeBrand' | 'isBrandAuthorized';
type Users = 'upsertAppId' | 'getAppId' | 'setUnionId' | 'getUnionId' | 'brandHasUnionIds';

function brandStatements({ k }: Engine) {
  return {
    insertBrand: insertRecord(k, 'brands', (i) => i.onConflict((oc) => oc.doNothing())),
    authorize: insertRecord(k, 'brand_authorizations', (i) => i.onConflict((oc) => oc.doNothing())),
    isAuthorized: prepare((a: { brandId: string; mchid: string }) =>
      k
        .selectFrom('brand_authorizations')
        .select('mchid')
        .where('brand_id', '=', a.brandId)
        .where('mchid', '=', a.mchid),
    ),
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
    getUnionId: prepare((a: { brandId: string; openid: string }) =>
      k.selectFrom('unionids').select('unionid').where('brand_id', '=', a.brandId).where('openid', '=', a.openid),
    ),
    anyUnionId: prepare((a: { brandId: string }) =>
      k.selectFrom('unionids').select('openid').where('brand_id', '=', a.brandId).limit(1),
    ),
  };
}

function brands(e: Engine): Pick<TenantStore, Brands | Users> {
  const q = brandStatements(e);
  const found = () => true;
  const get = {
    authorized: readOne(e, q.isAuthorized, found),
    unionId: readOne(e, q.getUnionId, (r) => r.unionid),
    anyUnionId: readOne(e, q.anyUnionId, found),
  };
  const set = { authorized: writes(e, q.authorize), unionId: writes(e, q.setUnionId) };
  return {
    insertBrand: changes(e, q.insertBrand),
    getBrand: recordBy(e, 'brands', 'brand_id'),
    authorizeBrand: (brandId, mchid, at) => set.authorized({ brandId, mchid, createdAt: at }),
    isBrandAuthorized: async (brandId, mchid) => (await get.authorized({ brandId, mchid })) ?? false,
    upsertAppId: writes(e, q.upsertAppId),
    getAppId: recordBy(e, 'appids', 'appid'),
    setUnionId: (brandId, openid, unionid) => set.unionId({ brandId, openid, unionid }),
    getUnionId: (brandId, openid) => get.unionId({ brandId, openid }),
    brandHasUnionIds: async (brandId) => (await get.anyUnionId({ brandId })) ?? false,
  };
}

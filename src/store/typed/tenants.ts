import type { TenantStore } from '../tenants.js';
import { insertRecord, prepare, raw, type Statement } from './statement.js';
import { all, type Engine, first, run } from './work.js';

/** Tenancy (D-1), the same on both databases. */
export function typedTenants(e: Engine): TenantStore {
  return { ...settingsAndKeys(e), ...merchants(e), ...brands(e) };
}

/** A lookup of one row mapped to a record, or null; and a statement that says whether it changed a row. */
function helpers(e: Engine) {
  return {
    one: <A, R, T>(statement: Statement<A, R>, args: A, map: (row: R) => T) =>
      e.read(function* () {
        const row = yield* first(statement, args);
        return row ? map(row) : null;
      }),
    changed: async <A>(statement: Statement<A, unknown>, args: A) => (await e.change(statement, args)) > 0,
  };
}

type Settings = 'getSetting' | 'initSetting' | 'putSetting' | 'getPlatformKey' | 'initPlatformKey';

function settingsAndKeys(e: Engine): Pick<TenantStore, Settings> {
  const { k } = e;
  const { one, changed } = helpers(e);
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
  return {
    getSetting: (name) => one(q.getSetting, { name }, (r) => r.value),
    initSetting: (name, value) =>
      e.write(function* () {
        yield* run(q.initSetting, { name, value });
        return (yield* first(q.getSetting, { name }))!.value;
      }),
    putSetting: async (name, value) => {
      await changed(q.putSetting, { name, value });
    },
    getPlatformKey: () => one(q.getPlatformKey, {}, toPlatformKey),
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
  const { one, changed } = helpers(e);
  const toMerchant = e.records('merchants');
  const toMerchantKey = e.records('merchant_keys');
  const q = {
    insertMerchant: insertRecord(k, 'merchants', (i) => i.onConflict((oc) => oc.doNothing())),
    getMerchant: prepare((a: { mchid: string }) => k.selectFrom('merchants').selectAll().where('mchid', '=', a.mchid)),
    listMerchants: prepare(() => k.selectFrom('merchants').selectAll().orderBy('created_at').orderBy('mchid')),
    setNotifyUrl: prepare((a: { mchid: string; url: string; at: string }) =>
      k.updateTable('merchants').set({ notify_url: a.url, notify_updated_at: a.at }).where('mchid', '=', a.mchid),
    ),
    insertMerchantKey: insertRecord(k, 'merchant_keys', (i) => i.onConflict((oc) => oc.doNothing())),
    getMerchantKey: prepare((a: { mchid: string; serialNo: string }) =>
      k.selectFrom('merchant_keys').selectAll().where('mchid', '=', a.mchid).where('serial_no', '=', a.serialNo),
    ),
  };
  return {
    insertMerchant: (m) => changed(q.insertMerchant, m),
    getMerchant: (mchid) => one(q.getMerchant, { mchid }, toMerchant),
    listMerchants: () =>
      e.read(function* () {
        return (yield* all(q.listMerchants, {})).map(toMerchant);
      }),
    setNotifyUrl: async (mchid, url, at) => {
      await changed(q.setNotifyUrl, { mchid, url, at });
    },
    insertMerchantKey: (key) => changed(q.insertMerchantKey, key),
    getMerchantKey: (mchid, serialNo) => one(q.getMerchantKey, { mchid, serialNo }, toMerchantKey),
  };
}

type Brands = 'insertBrand' | 'getBrand' | 'authorizeBrand' | 'isBrandAuthorized';
type Users = 'upsertAppId' | 'getAppId' | 'setUnionId' | 'getUnionId' | 'brandHasUnionIds';

function brands(e: Engine): Pick<TenantStore, Brands | Users> {
  const { k } = e;
  const { one, changed } = helpers(e);
  const toBrand = e.records('brands');
  const toAppId = e.records('appids');
  const q = {
    insertBrand: insertRecord(k, 'brands', (i) => i.onConflict((oc) => oc.doNothing())),
    getBrand: prepare((a: { brandId: string }) => k.selectFrom('brands').selectAll().where('brand_id', '=', a.brandId)),
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
    getAppId: prepare((a: { appid: string }) => k.selectFrom('appids').selectAll().where('appid', '=', a.appid)),
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
  return {
    insertBrand: (b) => changed(q.insertBrand, b),
    getBrand: (brandId) => one(q.getBrand, { brandId }, toBrand),
    authorizeBrand: async (brandId, mchid, at) => {
      await changed(q.authorize, { brandId, mchid, createdAt: at });
    },
    isBrandAuthorized: async (brandId, mchid) => (await one(q.isAuthorized, { brandId, mchid }, () => true)) ?? false,
    upsertAppId: async (a) => {
      await changed(q.upsertAppId, a);
    },
    getAppId: (appid) => one(q.getAppId, { appid }, toAppId),
    setUnionId: async (brandId, openid, unionid) => {
      await changed(q.setUnionId, { brandId, openid, unionid });
    },
    getUnionId: (brandId, openid) => one(q.getUnionId, { brandId, openid }, (r) => r.unionid),
    brandHasUnionIds: async (brandId) => (await one(q.anyUnionId, { brandId }, () => true)) ?? false,
  };
}

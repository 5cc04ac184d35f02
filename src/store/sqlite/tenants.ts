import {
  type AppIdRow,
  type BrandRow,
  type MerchantKeyRow,
  type MerchantRow,
  type PlatformKeyRow,
  toAppId,
  toBrand,
  toMerchant,
  toMerchantKey,
  toPlatformKey,
} from '../rows/tenants.js';
import type {
  AppIdRecord,
  BrandRecord,
  MerchantKeyRecord,
  MerchantRecord,
  PlatformKeyRecord,
  TenantStore,
} from '../tenants.js';
import type { SqliteDb } from './database.js';

export function sqliteTenants(db: SqliteDb): TenantStore {
  // One process owns the database and every change goes through the methods below, so these never go stale.
  const authorized = new Set<string>();
  const appids = new Map<string, AppIdRecord>();
  const q = {
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE name = ?'),
    initSetting: db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    getPlatformKey: db.prepare<[], PlatformKeyRow>('SELECT * FROM platform_keys ORDER BY created_at LIMIT 1'),
    insertPlatformKey: db.prepare(
      'INSERT INTO platform_keys (key_id, private_key_pem, public_key_pem, created_at) VALUES (?, ?, ?, ?)',
    ),
    insertMerchant: db.prepare(
      'INSERT INTO merchants (mchid, name, apiv3_key, notify_url, notify_updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getMerchant: db.prepare<[string], MerchantRow>('SELECT * FROM merchants WHERE mchid = ?'),
    listMerchants: db.prepare<[], MerchantRow>('SELECT * FROM merchants ORDER BY created_at'),
    setNotifyUrl: db.prepare('UPDATE merchants SET notify_url = ?, notify_updated_at = ? WHERE mchid = ?'),
    insertMerchantKey: db.prepare(
      'INSERT INTO merchant_keys (mchid, serial_no, public_key_pem, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getMerchantKey: db.prepare<[string, string], MerchantKeyRow>(
      'SELECT * FROM merchant_keys WHERE mchid = ? AND serial_no = ?',
    ),
    insertBrand: db.prepare(
      'INSERT INTO brands (brand_id, name, secret, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getBrand: db.prepare<[string], BrandRow>('SELECT * FROM brands WHERE brand_id = ?'),
    authorize: db.prepare(
      'INSERT INTO brand_authorizations (brand_id, mchid, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    isAuthorized: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM brand_authorizations WHERE brand_id = ? AND mchid = ?',
    ),
    upsertAppId: db.prepare(
      'INSERT INTO appids (appid, owner_type, owner_id) VALUES (?, ?, ?) ON CONFLICT (appid) DO UPDATE SET owner_type = excluded.owner_type, owner_id = excluded.owner_id',
    ),
    getAppId: db.prepare<[string], AppIdRow>('SELECT * FROM appids WHERE appid = ?'),
    setUnionId: db.prepare(
      'INSERT INTO unionids (brand_id, openid, unionid) VALUES (?, ?, ?) ON CONFLICT (brand_id, openid) DO UPDATE SET unionid = excluded.unionid',
    ),
    getUnionId: db.prepare<[string, string], { unionid: string }>(
      'SELECT unionid FROM unionids WHERE brand_id = ? AND openid = ?',
    ),
  };

  return {
    async getSetting(name) {
      return q.getSetting.get(name)?.value ?? null;
    },
    async initSetting(name, value) {
      q.initSetting.run(name, value);
      return q.getSetting.get(name)!.value;
    },
    async getPlatformKey() {
      const r = q.getPlatformKey.get();
      return r ? toPlatformKey(r) : null;
    },
    async initPlatformKey(key: PlatformKeyRecord) {
      return db
        .transaction(() => {
          const existing = q.getPlatformKey.get();
          if (existing) return toPlatformKey(existing);
          q.insertPlatformKey.run(key.keyId, key.privateKeyPem, key.publicKeyPem, key.createdAt);
          return key;
        })
        .immediate();
    },
    async insertMerchant(m: MerchantRecord) {
      return q.insertMerchant.run(m.mchid, m.name, m.apiv3Key, m.notifyUrl, m.notifyUpdatedAt, m.createdAt).changes > 0;
    },
    async getMerchant(mchid) {
      const r = q.getMerchant.get(mchid);
      return r ? toMerchant(r) : null;
    },
    async listMerchants() {
      return q.listMerchants.all().map(toMerchant);
    },
    async setNotifyUrl(mchid, url, at) {
      q.setNotifyUrl.run(url, at, mchid);
    },
    async insertMerchantKey(k: MerchantKeyRecord) {
      return q.insertMerchantKey.run(k.mchid, k.serialNo, k.publicKeyPem, k.createdAt).changes > 0;
    },
    async getMerchantKey(mchid, serialNo) {
      const r = q.getMerchantKey.get(mchid, serialNo);
      return r ? toMerchantKey(r) : null;
    },
    async insertBrand(b: BrandRecord) {
      return q.insertBrand.run(b.brandId, b.name, b.secret, b.createdAt).changes > 0;
    },
    async getBrand(brandId) {
      const r = q.getBrand.get(brandId);
      return r ? toBrand(r) : null;
    },
    async authorizeBrand(brandId, mchid, at) {
      q.authorize.run(brandId, mchid, at);
    },
    async isBrandAuthorized(brandId, mchid) {
      const key = `${brandId}\n${mchid}`;
      if (authorized.has(key)) return true;
      const found = q.isAuthorized.get(brandId, mchid) !== undefined;
      if (found) authorized.add(key);
      return found;
    },
    async upsertAppId(a: AppIdRecord) {
      q.upsertAppId.run(a.appid, a.ownerType, a.ownerId);
      appids.delete(a.appid);
    },
    async getAppId(appid) {
      const known = appids.get(appid);
      if (known) return known;
      const r = q.getAppId.get(appid);
      if (!r) return null;
      const record = toAppId(r);
      appids.set(appid, record);
      return record;
    },
    async setUnionId(brandId, openid, unionid) {
      q.setUnionId.run(brandId, openid, unionid);
    },
    async getUnionId(brandId, openid) {
      return q.getUnionId.get(brandId, openid)?.unionid ?? null;
    },
  };
}

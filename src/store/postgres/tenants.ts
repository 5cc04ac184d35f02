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
import type { TenantStore } from '../tenants.js';
import type { Database } from './database.js';

const FIRST_PLATFORM_KEY = 'SELECT * FROM platform_keys ORDER BY created_at, key_id LIMIT 1';

export function postgresTenants(db: Database): TenantStore {
  const inserted = async (text: string, values: unknown[]) => ((await db.pool.query(text, values)).rowCount ?? 0) > 0;

  return {
    async getSetting(name) {
      const [r] = await db.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name]);
      return r?.value ?? null;
    },
    async initSetting(name, value) {
      return db.tx(async (c) => {
        await c.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [name, value]);
        const { rows } = await c.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name]);
        return rows[0]!.value;
      });
    },
    async getPlatformKey() {
      const [r] = await db.query<PlatformKeyRow>(FIRST_PLATFORM_KEY);
      return r ? toPlatformKey(r) : null;
    },
    async initPlatformKey(key) {
      return db.tx(async (c) => {
        // No unique column says "only one key": the table lock makes concurrent first starts agree.
        await c.query('LOCK TABLE platform_keys IN SHARE ROW EXCLUSIVE MODE');
        const { rows } = await c.query<PlatformKeyRow>(FIRST_PLATFORM_KEY);
        if (rows[0]) return toPlatformKey(rows[0]);
        await c.query(
          'INSERT INTO platform_keys (key_id, private_key_pem, public_key_pem, created_at) VALUES ($1, $2, $3, $4)',
          [key.keyId, key.privateKeyPem, key.publicKeyPem, key.createdAt],
        );
        return key;
      });
    },
    async insertMerchant(m) {
      return inserted(
        'INSERT INTO merchants (mchid, name, apiv3_key, notify_url, notify_updated_at, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [m.mchid, m.name, m.apiv3Key, m.notifyUrl, m.notifyUpdatedAt, m.createdAt],
      );
    },
    async getMerchant(mchid) {
      const [r] = await db.query<MerchantRow>('SELECT * FROM merchants WHERE mchid = $1', [mchid]);
      return r ? toMerchant(r) : null;
    },
    async listMerchants() {
      return (await db.query<MerchantRow>('SELECT * FROM merchants ORDER BY created_at, mchid')).map(toMerchant);
    },
    async setNotifyUrl(mchid, url, at) {
      await db.query('UPDATE merchants SET notify_url = $1, notify_updated_at = $2 WHERE mchid = $3', [url, at, mchid]);
    },
    async insertMerchantKey(k) {
      return inserted(
        'INSERT INTO merchant_keys (mchid, serial_no, public_key_pem, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [k.mchid, k.serialNo, k.publicKeyPem, k.createdAt],
      );
    },
    async getMerchantKey(mchid, serialNo) {
      const [r] = await db.query<MerchantKeyRow>('SELECT * FROM merchant_keys WHERE mchid = $1 AND serial_no = $2', [
        mchid,
        serialNo,
      ]);
      return r ? toMerchantKey(r) : null;
    },
    async insertBrand(b) {
      return inserted(
        'INSERT INTO brands (brand_id, name, secret, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [b.brandId, b.name, b.secret, b.createdAt],
      );
    },
    async getBrand(brandId) {
      const [r] = await db.query<BrandRow>('SELECT * FROM brands WHERE brand_id = $1', [brandId]);
      return r ? toBrand(r) : null;
    },
    async authorizeBrand(brandId, mchid, at) {
      await db.query(
        'INSERT INTO brand_authorizations (brand_id, mchid, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [brandId, mchid, at],
      );
    },
    async isBrandAuthorized(brandId, mchid) {
      const rows = await db.query('SELECT 1 FROM brand_authorizations WHERE brand_id = $1 AND mchid = $2', [
        brandId,
        mchid,
      ]);
      return rows.length > 0;
    },
    async upsertAppId(a) {
      await db.query(
        'INSERT INTO appids (appid, owner_type, owner_id) VALUES ($1, $2, $3) ON CONFLICT (appid) DO UPDATE SET owner_type = excluded.owner_type, owner_id = excluded.owner_id',
        [a.appid, a.ownerType, a.ownerId],
      );
    },
    async getAppId(appid) {
      const [r] = await db.query<AppIdRow>('SELECT * FROM appids WHERE appid = $1', [appid]);
      return r ? toAppId(r) : null;
    },
    async setUnionId(brandId, openid, unionid) {
      await db.query(
        'INSERT INTO unionids (brand_id, openid, unionid) VALUES ($1, $2, $3) ON CONFLICT (brand_id, openid) DO UPDATE SET unionid = excluded.unionid',
        [brandId, openid, unionid],
      );
    },
    async getUnionId(brandId, openid) {
      const [r] = await db.query<{ unionid: string }>(
        'SELECT unionid FROM unionids WHERE brand_id = $1 AND openid = $2',
        [brandId, openid],
      );
      return r?.unionid ?? null;
    },
  };
}

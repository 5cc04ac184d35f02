import type { RecordFor } from './typed/records.js';

/** Records and port methods for tenancy (D-1): merchants, their API keys, brands, authorizations, AppIDs. */
export type MerchantRecord = RecordFor<'merchants'>;
type MerchantKeyRecord = RecordFor<'merchant_keys'>;
type BrandRecord = RecordFor<'brands'>;
export type AppIdRecord = RecordFor<'appids'>;
export type PlatformKeyRecord = RecordFor<'platform_keys'>;

export interface TenantStore {
  getSetting(name: string): Promise<string | null>;
  /** Sets the value only if absent; returns the value in force. */
  initSetting(name: string, value: string): Promise<string>;
  /** Sets the value, replacing any. */
  putSetting(name: string, value: string): Promise<void>;
  getPlatformKey(): Promise<PlatformKeyRecord | null>;
  /** Inserts the platform key unless one exists; returns the one in force. */
  initPlatformKey(key: PlatformKeyRecord): Promise<PlatformKeyRecord>;

  insertMerchant(m: MerchantRecord): Promise<boolean>;
  getMerchant(mchid: string): Promise<MerchantRecord | null>;
  listMerchants(): Promise<MerchantRecord[]>;
  setNotifyUrl(mchid: string, url: string, at: string): Promise<void>;
  insertMerchantKey(k: MerchantKeyRecord): Promise<boolean>;
  getMerchantKey(mchid: string, serialNo: string): Promise<MerchantKeyRecord | null>;

  insertBrand(b: BrandRecord): Promise<boolean>;
  getBrand(brandId: string): Promise<BrandRecord | null>;
  authorizeBrand(brandId: string, mchid: string, at: string): Promise<void>;
  isBrandAuthorized(brandId: string, mchid: string): Promise<boolean>;

  upsertAppId(a: AppIdRecord): Promise<void>;
  getAppId(appid: string): Promise<AppIdRecord | null>;
  setUnionId(brandId: string, openid: string, unionid: string): Promise<void>;
  getUnionId(brandId: string, openid: string): Promise<string | null>;
  /** Whether any openid of the brand has a registered unionid. */
  brandHasUnionIds(brandId: string): Promise<boolean>;
}

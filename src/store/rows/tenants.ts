import type { AppIdRecord, BrandRecord, MerchantKeyRecord, MerchantRecord, PlatformKeyRecord } from '../tenants.js';

/** Row shapes of the tenancy tables and their mapping to port records. */
export interface MerchantRow {
  mchid: string;
  name: string;
  apiv3_key: string;
  notify_url: string | null;
  notify_updated_at: string | null;
  created_at: string;
}

export interface PlatformKeyRow {
  key_id: string;
  private_key_pem: string;
  public_key_pem: string;
  created_at: string;
}

export interface MerchantKeyRow {
  mchid: string;
  serial_no: string;
  public_key_pem: string;
  created_at: string;
}

export interface BrandRow {
  brand_id: string;
  name: string;
  secret: string;
  created_at: string;
}

export interface AppIdRow {
  appid: string;
  owner_type: AppIdRecord['ownerType'];
  owner_id: string;
}

export const toMerchant = (r: MerchantRow): MerchantRecord => ({
  mchid: r.mchid,
  name: r.name,
  apiv3Key: r.apiv3_key,
  notifyUrl: r.notify_url,
  notifyUpdatedAt: r.notify_updated_at,
  createdAt: r.created_at,
});

export const toPlatformKey = (r: PlatformKeyRow): PlatformKeyRecord => ({
  keyId: r.key_id,
  privateKeyPem: r.private_key_pem,
  publicKeyPem: r.public_key_pem,
  createdAt: r.created_at,
});

export const toMerchantKey = (r: MerchantKeyRow): MerchantKeyRecord => ({
  mchid: r.mchid,
  serialNo: r.serial_no,
  publicKeyPem: r.public_key_pem,
  createdAt: r.created_at,
});

export const toBrand = (r: BrandRow): BrandRecord => ({
  brandId: r.brand_id,
  name: r.name,
  secret: r.secret,
  createdAt: r.created_at,
});

export const toAppId = (r: AppIdRow): AppIdRecord => ({ appid: r.appid, ownerType: r.owner_type, ownerId: r.owner_id });

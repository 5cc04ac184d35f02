import { randomBytes } from 'node:crypto';
import { toRfc3339 } from '../domain/clock.js';
import { generateRsaKeyPair, newPublicKeyId } from '../protocol/keys.js';
import type { PlatformKeyRecord } from '../store/tenants.js';
import type { ServiceDeps } from './deps.js';
import { authorizeBrand, createBrand, createMerchant, relateAppId } from './tenants.js';

/** Fixed ids of the demo tenant, so examples and docs work as written. */
export const DEMO = {
  mchid: '1900000109',
  brand_id: '120344',
  appid: 'wx233544546545989',
  openid: 'oh-394z-6CGkNoJrsDLTTUKiAnp4',
} as const;

export interface Bootstrapped {
  platformKey: PlatformKeyRecord;
  adminToken: string;
}

/** Creates what a fresh store needs exactly once: the platform signing key (public-key mode) and an admin token. */
export async function bootstrap(deps: ServiceDeps): Promise<Bootstrapped> {
  const pair = generateRsaKeyPair();
  const platformKey = await deps.store.initPlatformKey({
    keyId: newPublicKeyId(),
    privateKeyPem: pair.privateKey,
    publicKeyPem: pair.publicKey,
    createdAt: toRfc3339(deps.clock.now()),
  });
  const adminToken = await deps.store.initSetting('admin_token', randomBytes(24).toString('base64url'));
  return { platformKey, adminToken };
}

export interface DemoTenant {
  mchid: string;
  serial_no: string;
  apiv3_key: string;
  brand_id: string;
  appid: string;
  /** Present only when the merchant was created by this call. */
  private_key?: string;
}

/** The demo merchant, a brand authorizing it and an AppID; `null` when it already exists. */
export async function createDemoTenant(deps: ServiceDeps): Promise<DemoTenant | null> {
  if (await deps.store.getMerchant(DEMO.mchid)) return null;
  const merchant = await createMerchant(deps, { mchid: DEMO.mchid, name: 'coupond 演示服务商' });
  if (!(await deps.store.getBrand(DEMO.brand_id)))
    await createBrand(deps, { brand_id: DEMO.brand_id, name: '演示品牌' });
  await authorizeBrand(deps, DEMO.brand_id, DEMO.mchid);
  await relateAppId(deps, { appid: DEMO.appid, mchid: DEMO.mchid });
  return {
    mchid: merchant.mchid,
    serial_no: merchant.serial_no,
    apiv3_key: merchant.apiv3_key,
    brand_id: DEMO.brand_id,
    appid: DEMO.appid,
    ...(merchant.private_key ? { private_key: merchant.private_key } : {}),
  };
}

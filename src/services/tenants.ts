import { randomBytes } from 'node:crypto';
import { normalizeSerial } from '@coupond/client/protocol';
import { toRfc3339 } from '../domain/clock.js';
import { CouponError } from '../domain/errors.js';
import { fieldError } from '../domain/field-error.js';
import { generateRsaKeyPair, newApiV3Key, publicKeyPem, serialForPublicKey } from '../protocol/keys.js';
import type { ServiceDeps } from './deps.js';

/** Tenancy administration (D-1): what WeChat does in its web consoles, coupond does through its admin API. */
export interface CreatedMerchant {
  mchid: string;
  name: string;
  serial_no: string;
  apiv3_key: string;
  /** Only when coupond generated the key pair; it is never stored. */
  private_key?: string;
}

const conflict = (message: string) => new CouponError('ALREADY_EXISTS', message, 409);

export async function createMerchant(
  deps: ServiceDeps,
  input: { mchid?: string; name: string; public_key?: string; apiv3_key?: string },
): Promise<CreatedMerchant> {
  const mchid = input.mchid ?? deps.ids.numeric('19', 8);
  const now = toRfc3339(deps.clock.now());
  const apiv3Key = input.apiv3_key ?? newApiV3Key();
  const inserted = await deps.store.insertMerchant({
    mchid,
    name: input.name,
    apiv3Key,
    notifyUrl: null,
    notifyUpdatedAt: null,
    createdAt: now,
  });
  if (!inserted) throw conflict(`商户号 ${mchid} 已存在`);
  const key = await addMerchantKey(deps, mchid, input.public_key);
  return { mchid, name: input.name, apiv3_key: apiv3Key, ...key };
}

export async function addMerchantKey(
  deps: ServiceDeps,
  mchid: string,
  publicKey?: string,
  serial?: string,
): Promise<{ serial_no: string; private_key?: string }> {
  if (!(await deps.store.getMerchant(mchid))) throw new CouponError('NOT_FOUND', `商户号 ${mchid} 不存在`, 404);
  const generated = publicKey === undefined ? generateRsaKeyPair() : undefined;
  let pem: string;
  try {
    pem = publicKeyPem(generated?.publicKey ?? publicKey ?? '');
  } catch {
    throw fieldError('body', '/public_key', 'format', '不是有效的 PEM 公钥');
  }
  if (serial !== undefined && publicKey === undefined)
    throw fieldError('body', '/serial_no', 'value', '只能与上传的 public_key 一起提供');
  const serialNo = serial?.toUpperCase() ?? serialForPublicKey(pem);
  await deps.store.insertMerchantKey({
    mchid,
    serialNo: normalizeSerial(serialNo),
    publicKeyPem: pem,
    createdAt: toRfc3339(deps.clock.now()),
  });
  return generated ? { serial_no: serialNo, private_key: generated.privateKey } : { serial_no: serialNo };
}

export async function createBrand(deps: ServiceDeps, input: { brand_id?: string; name: string }) {
  const brandId = input.brand_id ?? deps.ids.numeric('', 6);
  const inserted = await deps.store.insertBrand({
    brandId,
    name: input.name,
    secret: randomBytes(32).toString('hex'),
    createdAt: toRfc3339(deps.clock.now()),
  });
  if (!inserted) throw conflict(`品牌 ${brandId} 已存在`);
  return { brand_id: brandId, name: input.name };
}

export async function authorizeBrand(deps: ServiceDeps, brandId: string, mchid: string) {
  if (!(await deps.store.getBrand(brandId))) throw new CouponError('NOT_FOUND', `品牌 ${brandId} 不存在`, 404);
  if (!(await deps.store.getMerchant(mchid))) throw new CouponError('NOT_FOUND', `商户号 ${mchid} 不存在`, 404);
  await deps.store.authorizeBrand(brandId, mchid, toRfc3339(deps.clock.now()));
  return { brand_id: brandId, mchid };
}

export async function relateAppId(deps: ServiceDeps, input: { appid: string; mchid?: string; brand_id?: string }) {
  if ((input.mchid === undefined) === (input.brand_id === undefined))
    throw fieldError('body', '/mchid', 'value', 'mchid 与 brand_id 必须且只能填写一个');
  if (input.mchid !== undefined) {
    if (!(await deps.store.getMerchant(input.mchid)))
      throw new CouponError('NOT_FOUND', `商户号 ${input.mchid} 不存在`, 404);
    await deps.store.upsertAppId({ appid: input.appid, ownerType: 'MERCHANT', ownerId: input.mchid });
    return { appid: input.appid, mchid: input.mchid };
  }
  const brandId = input.brand_id!;
  if (!(await deps.store.getBrand(brandId))) throw new CouponError('NOT_FOUND', `品牌 ${brandId} 不存在`, 404);
  await deps.store.upsertAppId({ appid: input.appid, ownerType: 'BRAND', ownerId: brandId });
  return { appid: input.appid, brand_id: brandId };
}

export async function registerUnionId(deps: ServiceDeps, input: { brand_id: string; openid: string; unionid: string }) {
  if (!(await deps.store.getBrand(input.brand_id)))
    throw new CouponError('NOT_FOUND', `品牌 ${input.brand_id} 不存在`, 404);
  await deps.store.setUnionId(input.brand_id, input.openid, input.unionid);
  return input;
}

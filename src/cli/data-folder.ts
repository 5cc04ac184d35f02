import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemClock } from '../domain/clock.js';
import { randomIds } from '../domain/ids.js';
import { bootstrap, createDemoTenant } from '../services/bootstrap.js';
import { createDemoCatalog } from '../services/catalog/demo.js';
import type { ServiceDeps } from '../services/deps.js';
import type { Store } from '../store/port.js';
import { createPostgresStore } from '../store/postgres/index.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import type { OperationalSettings } from './settings.js';

/** What scripts and SDKs need to talk to this coupond (written to `<data>/credentials.json`). */
export interface Credentials {
  base_url: string;
  mchid: string;
  serial_no: string;
  private_key_path: string;
  wechatpay_public_key_path: string;
  wechatpay_public_key_id: string;
  apiv3_key: string;
  brand_id: string;
  appid: string;
  admin_token: string;
  /** The demo product coupon and its bundle, ready to pre-send. */
  product_coupon_id?: string;
  stock_bundle_id?: string;
  /** The demo single-mode product coupon and its stock (D-100). */
  single_product_coupon_id?: string;
  single_stock_id?: string;
}

/** The demo catalog's ids for credentials.json, those that exist. */
async function demoCatalogIds(store: Store): Promise<Partial<Credentials>> {
  const [product_coupon_id, stock_bundle_id, single_product_coupon_id, single_stock_id] = await Promise.all(
    ['demo_product_coupon_id', 'demo_stock_bundle_id', 'demo_single_product_coupon_id', 'demo_single_stock_id'].map(
      (name) => store.getSetting(name),
    ),
  );
  return {
    ...(product_coupon_id && stock_bundle_id ? { product_coupon_id, stock_bundle_id } : {}),
    ...(single_product_coupon_id && single_stock_id ? { single_product_coupon_id, single_stock_id } : {}),
  };
}

export const credentialsPath = (dataDir: string) => join(resolve(dataDir), 'credentials.json');

const postgresSettings = ({
  postgres,
  postgresCapacity: { poolSize, maxBatch, maxInFlight },
}: OperationalSettings) => ({
  timeouts: postgres,
  poolSize,
  groupCommit: { maxBatch, maxInFlight },
});

/**
 * PostgreSQL when `DATABASE_URL` names one (any number of instances may share it; `COUPOND_DB_SCHEMA` picks a
 * schema), else `<data>/coupond.db`.
 */
export async function openStore(dataDir: string, settings?: OperationalSettings): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const url = process.env.DATABASE_URL;
  const schema = process.env.COUPOND_DB_SCHEMA;
  if (url && /^postgres(ql)?:/.test(url))
    return createPostgresStore(url, {
      ...(schema ? { schema } : {}),
      ...(settings ? postgresSettings(settings) : {}),
    });
  return createSqliteStore(join(dataDir, 'coupond.db'), settings ? { minFreeBytes: settings.sqliteMinFreeBytes } : {});
}

/**
 * `coupond init`: platform key, admin token, demo tenant and credentials.json. Idempotent: existing keys and
 * credentials are never overwritten; only `base_url` is refreshed.
 */
export async function initDataFolder(dataDir: string, baseUrl: string): Promise<Credentials> {
  const dir = resolve(dataDir);
  const store = await openStore(dir);
  try {
    const deps: ServiceDeps = { store, clock: systemClock, ids: randomIds, sandbox: true };
    const { platformKey, adminToken } = await bootstrap(deps);
    const publicKeyPath = join(dir, 'wechatpay_public_key.pem');
    if (!existsSync(publicKeyPath)) writeFileSync(publicKeyPath, platformKey.publicKeyPem);
    const path = credentialsPath(dir);
    const demo = await createDemoTenant(deps);
    await createDemoCatalog(deps, baseUrl);
    const catalog = await demoCatalogIds(store);
    if (demo?.private_key) writeFileSync(join(dir, 'merchant_private_key.pem'), demo.private_key, { mode: 0o600 });
    const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Credentials) : null;
    const credentials: Credentials = demo
      ? {
          base_url: baseUrl,
          mchid: demo.mchid,
          serial_no: demo.serial_no,
          private_key_path: join(dir, 'merchant_private_key.pem'),
          wechatpay_public_key_path: publicKeyPath,
          wechatpay_public_key_id: platformKey.keyId,
          apiv3_key: demo.apiv3_key,
          brand_id: demo.brand_id,
          appid: demo.appid,
          admin_token: adminToken,
          ...catalog,
        }
      : { ...(previous as Credentials), ...catalog, base_url: baseUrl };
    if (!previous && !demo) throw new Error(`${path} is missing and the demo merchant already exists`);
    writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    return credentials;
  } finally {
    await store.close();
  }
}

import { createClient, type WechatpayClient } from '@coupond/client';
import { type App, type AppOptions, buildApp } from '../src/api/app.js';
import type { RateLimits } from '../src/api/context.js';
import type { HttpTimeouts } from '../src/api/server-timeouts.js';
import { type Clock, TestClock } from '../src/domain/clock.js';
import { randomIds } from '../src/domain/ids.js';
import type { NotifyTargets } from '../src/notify/targets.js';
import { bootstrap, createDemoTenant } from '../src/services/bootstrap.js';
import type { ServiceDeps } from '../src/services/deps.js';
import type { Store } from '../src/store/port.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { type SendOptions, signedFetch } from './signed-fetch.js';
import { openTestStore } from './store/postgres-database.js';

export type { SendOptions } from './signed-fetch.js';

export interface TestMerchant {
  mchid: string;
  serial: string;
  privateKey: string;
  apiv3Key: string;
  brandId: string;
  appid: string;
}

export interface Running {
  app: App;
  baseURL: string;
  store: Store;
  clock: TestClock;
  deps: ServiceDeps;
  merchant: TestMerchant;
  platform: { id: string; publicKey: string };
  adminToken: string;
  /** Signs and sends like an SDK would; every part can be overridden to build hostile requests. */
  send(method: string, path: string, body?: unknown, options?: SendOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface StartOptions {
  sandbox?: boolean;
  clock?: TestClock;
  rateLimits?: RateLimits | null;
  store?: Store;
  timeouts?: Partial<HttpTimeouts>;
  /** Callback delivery and the periodic expiry sweep; on unless false. */
  backgroundJobs?: boolean;
  /** Where callbacks may go (D-35); the app's default for `sandbox` when absent. */
  notifyTargets?: NotifyTargets;
  /** Who may frame the pages and who may read `/metrics` (D-44); the app's defaults when absent. */
  exposure?: Pick<AppOptions, 'frameAncestors' | 'metrics'>;
}

/** The store a test server gets unless one is given: in-memory SQLite, or PostgreSQL under `COUPOND_TEST_STORE`. */
export const openDefaultStore = async (): Promise<Store> =>
  process.env.COUPOND_TEST_STORE === 'postgres' ? await openTestStore() : createSqliteStore(':memory:');

/**
 * A real coupond on 127.0.0.1 with the demo tenant, backed by an in-memory SQLite store unless one is given —
 * or by a throw-away PostgreSQL schema when `COUPOND_TEST_STORE=postgres`, to run the same suites on that adapter.
 */
export async function startCoupond(options: StartOptions = {}): Promise<Running> {
  const store = options.store ?? (await openDefaultStore());
  const clock = options.clock ?? new TestClock();
  const deps: ServiceDeps = { store, clock, ids: randomIds, sandbox: options.sandbox ?? true };
  const { platformKey, adminToken } = await bootstrap(deps);
  const demo = await createDemoTenant(deps);
  if (!demo?.private_key) throw new Error('demo tenant already present in the given store');
  const app = await buildApp({
    store,
    clock: clock as Clock,
    sandbox: deps.sandbox,
    rateLimits: options.rateLimits === undefined ? null : options.rateLimits,
    logLevel: 'silent',
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.backgroundJobs === false ? { backgroundJobs: false } : {}),
    ...(options.notifyTargets ? { notifyTargets: options.notifyTargets } : {}),
    ...options.exposure,
  });
  const address = await app.server.listen({ host: '127.0.0.1', port: 0 });
  const merchant: TestMerchant = {
    mchid: demo.mchid,
    serial: demo.serial_no,
    privateKey: demo.private_key,
    apiv3Key: demo.apiv3_key,
    brandId: demo.brand_id,
    appid: demo.appid,
  };

  const send = (method: string, path: string, body?: unknown, o: SendOptions = {}) =>
    signedFetch(address, merchant, method, path, body, o);

  return {
    app,
    baseURL: `${address}/`,
    store,
    clock,
    deps,
    merchant,
    platform: { id: platformKey.keyId, publicKey: platformKey.publicKeyPem },
    adminToken,
    send,
    close: async () => {
      await app.server.close();
      await store.close();
    },
  };
}

/** coupond's own SDK signed as the demo merchant and trusting the server's platform key. */
export function clientOf(c: Running): WechatpayClient {
  return createClient({
    baseURL: c.baseURL,
    mchid: c.merchant.mchid,
    serial: c.merchant.serial,
    privateKey: c.merchant.privateKey,
    wechatpayPublicKey: c.platform.publicKey,
    wechatpayPublicKeyId: c.platform.id,
  });
}

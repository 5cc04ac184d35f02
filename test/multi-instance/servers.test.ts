import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/port.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { seedBundle } from '../fixtures/catalog.js';
import { signedFetch } from '../signed-fetch.js';
import { dropSchema, postgresReachable, randomSchema, TEST_DATABASE_URL } from '../store/postgres-database.js';

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** Three real `coupond serve` processes sharing one PostgreSQL schema (the platform deployment). */
describe.skipIf(!(await postgresReachable()))('three coupond processes on one PostgreSQL database', () => {
  const schema = randomSchema();
  const data = mkdtempSync(join(tmpdir(), 'coupond-multi-'));
  const env = { ...process.env, DATABASE_URL: TEST_DATABASE_URL, COUPOND_DB_SCHEMA: schema };
  const processes: ChildProcess[] = [];
  let origins: string[] = [];
  let store: Store;
  let creds: { mchid: string; serial_no: string; private_key_path: string; brand_id: string; appid: string };

  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(async () => {
    const init = run(['init', '--data', data]);
    await new Promise((resolve) => init.once('exit', resolve));
    creds = JSON.parse(readFileSync(join(data, 'credentials.json'), 'utf8'));
    origins = await Promise.all(
      [0, 1, 2].map(
        (i) =>
          new Promise<string>((resolve, reject) => {
            const child = run(['serve', '--data', data, '--port', '0', '--rate-limit', 'off']);
            processes[i] = child;
            child.once('exit', (code) => reject(new Error(`instance ${i} exited with ${code}`)));
            createInterface({ input: child.stdout! }).on('line', (line) => {
              const m = /listening on (http:\/\/[^/ ]+)\//.exec(line);
              if (m) resolve(m[1]!);
            });
          }),
      ),
    );
    store = await createPostgresStore(TEST_DATABASE_URL, { schema });
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) p?.kill();
    await store?.close();
    await dropSchema(schema);
  });

  const signer = () => ({
    mchid: creds.mchid,
    serial: creds.serial_no,
    privateKey: readFileSync(creds.private_key_path, 'utf8'),
  });
  const target = () => ({
    store,
    clock: { now: () => new Date() },
    merchant: { mchid: creds.mchid, brandId: creds.brand_id, appid: creds.appid },
    baseURL: `${origins[0]}/`,
  });

  it('300 users claim through 3 instances from a budget of 100 → exactly 100 bundles', async () => {
    const s = await seedBundle(target(), { maxCount: 100 });
    const tokens = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const res = await signedFetch(
          origins[i % 3]!,
          signer(),
          'POST',
          `/v3/marketing/partner/product-coupon/users/o-multi-${i}/pre-send-coupon-bundle`,
          {
            brand_id: creds.brand_id,
            appid: creds.appid,
            product_coupon_id: s.productCouponId,
            stock_bundle_id: s.stockBundleId,
            send_request_no: `MULTI_${String(i).padStart(5, '0')}`,
          },
        );
        expect(res.status).toBe(200);
        return ((await res.json()) as { token: string }).token;
      }),
    );
    const results = await Promise.all(
      tokens.map(async (t, i) => {
        const res = await fetch(`${origins[(i + 1) % 3]}/component/v1/tokens/${t}/claim`, { method: 'POST' });
        return ((await res.json()) as { result: string }).result;
      }),
    );
    expect(results.filter((r) => r === 'RECEIVED')).toHaveLength(100);
    expect(results.filter((r) => r === 'SOLD_OUT')).toHaveLength(200);
    expect((await store.getStock(s.stockIds[0]!, '1970-01-01'))?.totalCount).toBe(100);
  });

  it('a nonce used on one instance is refused on another (replay, D-17)', async () => {
    const path = '/v3/marketing/partner/product-coupon/notify-configs';
    const first = await signedFetch(origins[0]!, signer(), 'GET', path, undefined, {
      nonce: 'shared-nonce-across-instances',
    });
    expect(first.status).not.toBe(401);
    const replay = await signedFetch(origins[1]!, signer(), 'GET', path, undefined, {
      nonce: 'shared-nonce-across-instances',
    });
    expect(replay.status).toBe(401);
  });
});

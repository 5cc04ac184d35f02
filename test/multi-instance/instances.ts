import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Store } from '../../src/store/port.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import type { SeedTarget } from '../fixtures/catalog.js';
import type { Signer } from '../signed-fetch.js';
import { signedFetch } from '../signed-fetch.js';
import { dropSchema, randomSchema, TEST_DATABASE_URL } from '../store/postgres-database.js';

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const PREFIX = '/v3/marketing/partner/product-coupon';

export interface Instances {
  origins: string[];
  processes: ChildProcess[];
  /** A store of the test's own on the same schema (seeding, checks). */
  store: Store;
  creds: { mchid: string; serial_no: string; private_key_path: string; brand_id: string; appid: string };
  signer(): Signer;
  seedTarget(): SeedTarget;
  /** A signed call to instance `i`. */
  send(i: number, method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** `count` real `coupond serve` processes sharing one fresh PostgreSQL schema (the platform deployment). */
export async function startInstances(count: number): Promise<Instances> {
  const schema = randomSchema();
  const data = mkdtempSync(join(tmpdir(), 'coupond-multi-'));
  const env = { ...process.env, DATABASE_URL: TEST_DATABASE_URL, COUPOND_DB_SCHEMA: schema };
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const init = run(['init', '--data', data]);
  await new Promise((resolve) => init.once('exit', resolve));
  const creds = JSON.parse(readFileSync(join(data, 'credentials.json'), 'utf8')) as Instances['creds'];
  const processes: ChildProcess[] = [];
  const origins = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
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
  const store = await createPostgresStore(TEST_DATABASE_URL, { schema });
  const signer = () => ({
    mchid: creds.mchid,
    serial: creds.serial_no,
    privateKey: readFileSync(creds.private_key_path, 'utf8'),
  });
  return {
    origins,
    processes,
    store,
    creds,
    signer,
    seedTarget: () => ({
      store,
      clock: { now: () => new Date() },
      merchant: { mchid: creds.mchid, brandId: creds.brand_id, appid: creds.appid },
      baseURL: `${origins[0]}/`,
    }),
    send: (i, method, path, body) => signedFetch(origins[i]!, signer(), method, `${PREFIX}${path}`, body),
    async close() {
      for (const p of processes) p.kill();
      await store.close();
      await dropSchema(schema);
    },
  };
}

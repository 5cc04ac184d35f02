import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type ServeProcess, startServe } from '../helpers/cli-process.js';
import { signedFetch } from '../signed-fetch.js';
import { dropSchema, randomSchema, TEST_DATABASE_URL } from '../store/postgres-database.js';

const onPostgres = process.env.COUPOND_TEST_STORE === 'postgres';
const schema = randomSchema();
const env: Record<string, string> = onPostgres ? { DATABASE_URL: TEST_DATABASE_URL, COUPOND_DB_SCHEMA: schema } : {};
const data = mkdtempSync(join(tmpdir(), 'coupond-replay-'));
const PATH = '/v3/marketing/partner/product-coupon/notify-configs';
const running: ServeProcess[] = [];

afterAll(async () => {
  for (const p of running) await p.stop();
  if (onPostgres) await dropSchema(schema);
});

async function serve(): Promise<ServeProcess> {
  const p = await startServe(['--data', data, '--rate-limit', 'off'], env);
  running.push(p);
  return p;
}

/** The exact same signed bytes every time: a captured request, replayed against whichever process runs. */
function captured(nonce: string) {
  const c = JSON.parse(readFileSync(join(data, 'credentials.json'), 'utf8'));
  const signer = { mchid: c.mchid, serial: c.serial_no, privateKey: readFileSync(c.private_key_path, 'utf8') };
  const timestamp = Math.floor(Date.now() / 1000);
  return (target: ServeProcess) => signedFetch(target.origin, signer, 'GET', PATH, undefined, { nonce, timestamp });
}

async function expectReplayRefused(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  const body = await res.json();
  expect(body.code).toBe('SIGN_ERROR');
  expect(body.message).toContain('重放');
}

describe(`a captured request is refused after a restart (D-43, ${onPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('after kill -9 and after a clean stop, within the 5-minute window', async () => {
    await runCli(['init', '--data', data], env);
    const first = await serve();
    const request = captured('capturedNonceA');
    expect((await request(first)).status).toBe(200);
    await expectReplayRefused(await request(first));

    await first.stop('SIGKILL');
    const second = await serve();
    await expectReplayRefused(await request(second));
    const other = captured('capturedNonceB');
    expect((await other(second)).status).toBe(200);

    await second.stop('SIGTERM');
    const third = await serve();
    await expectReplayRefused(await other(third));
    await expectReplayRefused(await request(third));
    expect((await captured('freshNonceC')(third)).status).toBe(200);
  }, 120_000);
});

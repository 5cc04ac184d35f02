import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliBundle, listeningOrigin, runCli } from '../helpers/cli-process.js';
import { signedFetch } from '../signed-fetch.js';

export interface DemoCredentials {
  mchid: string;
  serial_no: string;
  private_key_path: string;
  brand_id: string;
  appid: string;
  admin_token: string;
  product_coupon_id: string;
  stock_bundle_id: string;
}

/** A real `coupond serve` process, started through the CLI as an operator would. */
export class CoupondProcess {
  exitCode: number | null | undefined = undefined;
  stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly origin: string,
    readonly data: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    child.once('exit', (code) => {
      this.exitCode = code;
    });
  }

  static async start(env: Record<string, string>, args: string[] = [], dataDir?: string): Promise<CoupondProcess> {
    const data = dataDir ?? mkdtempSync(join(tmpdir(), 'coupond-fault-'));
    const fullEnv = { ...process.env, ...env };
    await runCli(['init', '--data', data], env);
    const child = spawn(
      process.execPath,
      [await cliBundle(), 'serve', '--data', data, '--port', '0', '--rate-limit', 'off', ...args],
      { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const origin = await listeningOrigin(child);
    return new CoupondProcess(child, origin, data);
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  credentials(): DemoCredentials {
    return JSON.parse(readFileSync(join(this.data, 'credentials.json'), 'utf8')) as DemoCredentials;
  }

  /** Pre-sends the demo bundle to `count` users and returns their tokens. */
  async tokens(count: number, prefix: string): Promise<string[]> {
    const c = this.credentials();
    const signer = { mchid: c.mchid, serial: c.serial_no, privateKey: readFileSync(c.private_key_path, 'utf8') };
    return mapConcurrently(
      Array.from({ length: count }, (_, i) => i),
      8,
      async (i) => {
        const res = await signedFetch(
          this.origin,
          signer,
          'POST',
          `/v3/marketing/partner/product-coupon/users/o-${prefix}-${i}/pre-send-coupon-bundle`,
          {
            brand_id: c.brand_id,
            appid: c.appid,
            product_coupon_id: c.product_coupon_id,
            stock_bundle_id: c.stock_bundle_id,
            send_request_no: `${prefix.toUpperCase()}_${String(i).padStart(6, '0')}`,
          },
        );
        if (res.status !== 200) throw new Error(`pre-send answered ${res.status}: ${await res.text()}`);
        return ((await res.json()) as { token: string }).token;
      },
    );
  }

  /** Claims a token through the receiving component's API; never throws for an answer, only for no answer. */
  async claim(token: string): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
    const started = performance.now();
    const res = await fetch(`${this.origin}/component/v1/tokens/${token}/claim`, { method: 'POST' });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, body, ms: performance.now() - started };
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapConcurrently<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** The Node flags on `bin/coupond.js`'s first line, so bench servers run as coupond ships. */
const COUPOND_NODE_FLAGS = (
  readFileSync(new URL('../bin/coupond.js', import.meta.url), 'utf8')
    .split('\n')[0]!
    .match(/--\S+/g) ?? []
).join(' ');

export interface ServerInfo {
  address: string;
  /** The SQLite database file, or null on PostgreSQL. */
  dbPath: string | null;
  merchant: { mchid: string; serial: string; privateKey: string; brandId: string; appid: string };
  bundle: { productCouponId: string; stockBundleId: string; stockIds: string[] };
}

export interface ServerState {
  rss_mb: number;
  peak_rss_mb: number;
  heap_mb: number;
  heap_used_mb: number;
  external_mb: number;
  array_buffers_mb: number;
  rss_anon_mb: number;
  rss_file_mb: number;
  issued: number;
}

export interface Cluster {
  servers: ServerInfo[];
  processes: ChildProcess[];
  state(): Promise<ServerState[]>;
  resetPeak(): Promise<void>;
  stop(): Promise<void>;
}

function start(bundle: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; info: ServerInfo }> {
  // Servers run with the flags `bin/coupond.js` gives Node (D-126, D-128) unless BENCH_SERVER_FLAGS names others,
  // e.g. `--max-semi-space-size=4 --cpu-prof --cpu-prof-dir=/tmp/profiles`, or '' for Node's defaults.
  const flags = (env.BENCH_SERVER_FLAGS ?? COUPOND_NODE_FLAGS).split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--expose-gc', ...flags, bundle], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before it listened`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve({ child, info: JSON.parse(line) as ServerInfo }),
    );
  });
}

/**
 * `count` bench servers (bench/server.ts, bundled): the first seeds the tenant and the hot bundle, the others join
 * it on the same database (PostgreSQL only). 127.0.0.1, ephemeral ports.
 */
export async function startCluster(bundle: string, count: number, env: NodeJS.ProcessEnv): Promise<Cluster> {
  const first = await start(bundle, env);
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, () => start(bundle, { ...env, BENCH_JOIN: JSON.stringify(first.info) })),
  );
  const all = [first, ...rest];
  const servers = all.map((s) => s.info);
  if (new Set(servers.map((s) => s.address)).size !== count) throw new Error('bench servers share an address');
  return {
    servers,
    processes: all.map((s) => s.child),
    state: () =>
      Promise.all(servers.map(async (s) => (await (await fetch(`${s.address}/bench/state`)).json()) as ServerState)),
    async resetPeak() {
      await Promise.all(servers.map((s) => fetch(`${s.address}/bench/reset-peak`, { method: 'POST' })));
    },
    async stop() {
      await Promise.all(
        all.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.removeAllListeners('exit');
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

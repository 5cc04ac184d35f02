import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/** The CLI as plain JavaScript (dependencies stay imports), so each process starts without a TypeScript loader. */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    // Inside the repository, so the bundle's bare imports resolve from node_modules.
    const outfile = new URL(`../../node_modules/.cache/coupond-test/cli-${process.pid}.mjs`, import.meta.url).pathname;
    await build({
      entryPoints: [new URL('../../src/cli/main.ts', import.meta.url).pathname],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

export interface ServeProcess {
  child: ChildProcess;
  origin: string;
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves once the process is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Runs `coupond <command>` to completion. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<void> {
  const child = spawn(process.execPath, [await cliBundle(), ...args], { env: { ...process.env, ...env } });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`coupond ${args[0]} exited with ${code}`);
}

/** The origin a `coupond serve` child prints once it listens; rejects if it exits first. */
export function listeningOrigin(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`coupond serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /listening on (http:\/\/[^/ ]+)\//.exec(line);
      if (m) resolve(m[1]!);
    });
  });
}

/** `coupond serve --port 0 …` on a data folder; resolves with its origin once it listens. */
export async function startServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [await cliBundle(), 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = await listeningOrigin(child);
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { child, origin, stop };
}

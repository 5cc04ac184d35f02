import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.COUPOND_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why the private-cluster tests cannot run here, or null when they can. */
export function privateClusterUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root (initdb must run as the postgres OS user)';
  if (!existsSync(join(BIN, 'initdb'))) return `${BIN}/initdb is missing (set COUPOND_PG_BIN)`;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL cluster owned by one test file, on its own port and socket directory, so it can be
 * restarted, paused and have its backends terminated without touching any shared server.
 */
export class PrivateCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivateCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'coupond-pg-'));
    const [owner, group] = postgresIds();
    chownSync(dir, owner, group);
    const cluster = new PrivateCluster(dir, await freePort());
    await cluster.asPostgres('initdb', [
      '-D',
      cluster.data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await cluster.ctl('start');
    return cluster;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private asPostgres(tool: string, args: string[]) {
    return run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args], { cwd: this.dir });
  }

  private ctl(action: 'start' | 'restart' | 'stop', extra: string[] = []) {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    return this.asPostgres('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'log'),
      '-o',
      options,
      '-w',
      ...extra,
      action,
    ]);
  }

  /** The postmaster's pid. */
  postmasterPid(): number {
    return Number(readFileSync(join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  /** The postmaster and its children (each backend leads a session of its own, so no process group covers all). */
  private processes(): number[] {
    const postmaster = this.postmasterPid();
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false;
        }
      })
      .map(Number);
    return [postmaster, ...children];
  }

  restart() {
    return this.ctl('restart', ['-m', 'fast']);
  }

  /** SIGSTOP to the whole cluster: connections stay open and nothing answers. */
  pause(): void {
    this.signal('SIGSTOP');
  }

  resume(): void {
    this.signal('SIGCONT');
  }

  /** Signals every process of the cluster; one that ended since it was listed (a backend exiting) is skipped. */
  private signal(signal: NodeJS.Signals): void {
    for (const pid of this.processes()) {
      try {
        process.kill(pid, signal);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  }

  /** Stops the cluster (resuming it first if paused) and deletes its files. */
  async destroy(): Promise<void> {
    try {
      if (existsSync(join(this.data, 'postmaster.pid'))) {
        this.resume();
        await this.ctl('stop', ['-m', 'immediate']);
      }
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function postgresIds(): [number, number] {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('there is no postgres OS user');
  const [, , owner, group] = line.split(':');
  return [Number(owner), Number(group)];
}

import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports a process's CPU time in clock ticks of 10 ms (CLK_TCK = 100 on every usual kernel). */
const TICK_US = 10_000;

function cpuOfProcess(pid: string): { comm: string; parent: number; us: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    // Fields after the command name start at field 3 (state), then the parent's pid; utime, stime and the reaped
    // children's cutime, cstime are fields 14–17, so backends that ended during a phase count through the postmaster.
    const fields = stat.slice(close + 2).split(' ');
    const times = fields.slice(11, 15);
    return { comm, parent: Number(fields[1]), us: times.reduce((sum, f) => sum + Number(f), 0) * TICK_US };
  } catch {
    return null;
  }
}

let postmaster: number | null = null;

/**
 * Counts only the PostgreSQL server whose backend `backendPid` is (its postmaster and that one's children), so a
 * second cluster on the machine does not count as the benchmark's database.
 */
export function measureDatabaseOf(backendPid: number): void {
  postmaster = cpuOfProcess(String(backendPid))?.parent ?? null;
}

const isDatabaseProcess = (pid: string, p: { comm: string; parent: number }) =>
  postmaster === null
    ? p.comm === 'postgres' || p.comm.startsWith('postgres:')
    : Number(pid) === postmaster || p.parent === postmaster;

/**
 * CPU time (µs, user + system) used so far by the local PostgreSQL server's processes, or NaN where /proc is
 * missing. The difference over a phase is the database's share of that phase's work on this machine.
 */
export function databaseCpuUs(): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return Number.NaN;
  }
  let total = 0;
  for (const pid of pids) {
    const p = cpuOfProcess(pid);
    if (p && isDatabaseProcess(pid, p)) total += p.us;
  }
  return total;
}

/** CPU time (µs) of this process: the load generator's own share. */
export function loadGeneratorCpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Context switches so far on the whole machine (/proc/stat `ctxt`), or NaN where /proc is missing. */
export function machineContextSwitches(): number {
  try {
    return Number(/^ctxt (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

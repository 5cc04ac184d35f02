import autocannon from 'autocannon';
import { databaseCpuUs, loadGeneratorCpuUs, machineContextSwitches } from './process-cpu.js';

export interface Phase {
  name: string;
  requests: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }[];
  stopAfterRequests?: number;
  /** Sees every answer (status and body), e.g. to collect tokens or count outcomes. */
  onResponse?: (status: number, body: string) => void;
}

export interface PhaseResult {
  name: string;
  /** Server CPU (user + system, all processes) per answered request, in microseconds. */
  cpuPerRequestUs: number;
  /** The local PostgreSQL server's CPU per answered request (µs); about 0 on SQLite. */
  databaseCpuPerRequestUs: number;
  /** The load generator's (this process's) CPU per answered request (µs). */
  loadCpuPerRequestUs: number;
  /** Context switches on the whole machine per answered request. */
  switchesPerRequest: number;
  /** Cores kept busy on average by server, database and load generator together. */
  busyCores: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
}

/**
 * Signed pre-sends, each once (`spare` left for autocannon's look-ahead): every returned token goes to `tokens`,
 * and any other answer to `onRefusal`.
 */
export function preSendPhase(
  requests: Phase['requests'],
  spare: number,
  tokens: string[],
  onRefusal: (status: number, body: string) => void = () => {},
): Phase {
  return {
    name: 'pre-send',
    requests,
    stopAfterRequests: requests.length - spare,
    onResponse: (status, body) => {
      if (status === 200) tokens.push((JSON.parse(body) as { token: string }).token);
      else onRefusal(status, body);
    },
  };
}

/** Claims of `tokens` through the component API, each once (`spare` left for autocannon's look-ahead). */
export function claimPhase(tokens: string[], spare: number, onReceived: () => void): Phase {
  const requests = tokens.map((t) => ({ method: 'POST' as const, path: `/component/v1/tokens/${t}/claim` }));
  return {
    name: 'claim',
    requests,
    stopAfterRequests: requests.length - spare,
    onResponse: (status, body) => {
      if (status === 200 && body.includes('"RECEIVED"')) onReceived();
    },
  };
}

const serverCpu = async (address: string) => {
  const u = (await (await fetch(`${address}/bench/cpu`)).json()) as { user: number; system: number };
  return u.user + u.system;
};
const totalCpu = async (addresses: string[]) =>
  (await Promise.all(addresses.map(serverCpu))).reduce((a, b) => a + b, 0);

/**
 * One load phase over one or more servers: `connections` are split across `addresses` (one autocannon instance
 * each, latencies merged into one histogram), and all instances walk one shared list of `requests`, so
 * single-use (signed) requests are each sent once.
 */
export async function runPhase(
  addresses: string[],
  phase: Phase,
  connections: number,
  seconds: number,
): Promise<PhaseResult> {
  let next = 0;
  const cpuBefore = await totalCpu(addresses);
  const databaseBefore = databaseCpuUs();
  const loadBefore = loadGeneratorCpuUs();
  const switchesBefore = machineContextSwitches();
  const total = phase.stopAfterRequests ? Math.min(phase.stopAfterRequests, phase.requests.length) : undefined;
  const started = performance.now();
  let lastAnswer = started;
  const onResponse = (status: number, body: string) => {
    lastAnswer = performance.now();
    phase.onResponse?.(status, body);
  };
  const options = (address: string, i: number) => {
    const share = Math.floor(connections / addresses.length) + (i < connections % addresses.length ? 1 : 0);
    const amount =
      total === undefined ? undefined : Math.floor(total / addresses.length) + (i < total % addresses.length ? 1 : 0);
    return {
      url: address,
      connections: share,
      duration: seconds,
      // A run bounded by a request count ends only at autocannon's next sample tick: tick often, so none idles.
      sampleInt: 100,
      skipAggregateResult: true,
      ...(amount !== undefined ? { amount } : {}),
      requests: [
        {
          setupRequest: (req: autocannon.Request) => {
            const r = phase.requests[next % phase.requests.length]!;
            next += 1;
            return {
              ...req,
              method: r.method,
              path: r.path,
              headers: { ...req.headers, ...r.headers },
              body: r.body ?? '',
            };
          },
          onResponse,
        },
      ],
    } as autocannon.Options;
  };
  const runs = await Promise.all(addresses.map((a, i) => autocannon(options(a, i))));
  // autocannon notices a reached request count only at its next sample tick: time the phase to its last answer.
  const elapsed = (lastAnswer - started) / 1000;
  // aggregateResult is part of autocannon's API but missing from its type definitions.
  const { aggregateResult } = autocannon as unknown as {
    aggregateResult: (results: autocannon.Result[], opts: { url: string; connections: number }) => autocannon.Result;
  };
  const result = aggregateResult(runs, { url: addresses[0]!, connections });
  const answered = result['2xx'] + result.non2xx;
  const serverUs = (await totalCpu(addresses)) - cpuBefore;
  const databaseUs = databaseCpuUs() - databaseBefore;
  const loadUs = loadGeneratorCpuUs() - loadBefore;
  const switches = machineContextSwitches() - switchesBefore;
  const per = (us: number) => (answered > 0 ? us / answered : 0);
  return {
    name: phase.name,
    cpuPerRequestUs: per(serverUs),
    databaseCpuPerRequestUs: per(databaseUs),
    loadCpuPerRequestUs: per(loadUs),
    switchesPerRequest: per(switches),
    busyCores: (serverUs + databaseUs + loadUs) / (elapsed * 1e6),
    // autocannon averages per whole second, which a run bounded by a request count quantises; count instead.
    rps: answered / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
  };
}

import autocannon from 'autocannon';

export interface Phase {
  name: string;
  requests: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }[];
  stopAfterRequests?: number;
}

export interface PhaseResult {
  name: string;
  /** Server CPU (user + system) per answered request, in microseconds. */
  cpuPerRequestUs: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
}

/** One autocannon run that walks through `requests` (each used once when they are single-use, e.g. signed). */
export async function runPhase(
  address: string,
  phase: Phase,
  connections: number,
  seconds: number,
): Promise<PhaseResult> {
  let next = 0;
  const cpu = async () => {
    const u = (await (await fetch(`${address}/bench/cpu`)).json()) as { user: number; system: number };
    return u.user + u.system;
  };
  const cpuBefore = await cpu();
  const result = await autocannon({
    url: address,
    connections,
    duration: seconds,
    ...(phase.stopAfterRequests ? { amount: Math.min(phase.stopAfterRequests, phase.requests.length) } : {}),
    requests: [
      {
        setupRequest: (req) => {
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
      },
    ],
  });
  const answered = result['2xx'] + result.non2xx;
  return {
    name: phase.name,
    cpuPerRequestUs: answered > 0 ? ((await cpu()) - cpuBefore) / answered : 0,
    // autocannon averages per whole second, which a run bounded by a request count quantises; count instead.
    rps: answered / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
  };
}

import type { MetricsAccess } from '../api/plugins/metrics.js';
import { parseFrameAncestors } from '../api/plugins/security-headers.js';

/** Who may frame the pages and who may read `/metrics` (D-44; docs/security.md). */
export const exposureFlags = {
  'frame-ancestors': { type: 'string' },
  'metrics-token': { type: 'string' },
  'metrics-host': { type: 'string' },
  'metrics-port': { type: 'string' },
} as const;

export const exposureUsage = `  --frame-ancestors <src …>  who may frame coupond's pages: 'self', 'none', * or origins (env COUPOND_FRAME_ANCESTORS;
                             default 'self', * with --sandbox)
  --metrics-token <token>    /metrics answers only "Authorization: Bearer <token>" (env COUPOND_METRICS_TOKEN)
  --metrics-host <host>      serve /metrics on its own address instead of the API's (env COUPOND_METRICS_HOST,
  --metrics-port <port>      default 127.0.0.1; env COUPOND_METRICS_PORT, default 9464)`;

export interface ExposureSettings {
  frameAncestors?: string[];
  metrics: MetricsAccess;
  /** Where the separate metrics server listens, when there is one. */
  metricsListen?: { host: string; port: number };
}

export function readExposure(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): ExposureSettings {
  const pick = (flag: string, name: string) => {
    const v = values[flag] ?? env[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const ancestors = pick('frame-ancestors', 'COUPOND_FRAME_ANCESTORS');
  const token = pick('metrics-token', 'COUPOND_METRICS_TOKEN');
  const host = pick('metrics-host', 'COUPOND_METRICS_HOST');
  const port = pick('metrics-port', 'COUPOND_METRICS_PORT');
  const separate = host !== undefined || port !== undefined;
  const metricsPort = Number(port ?? 9464);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65_535)
    throw new Error(`--metrics-port: "${port}" is not a port number`);
  return {
    ...(ancestors === undefined ? {} : { frameAncestors: parseFrameAncestors(ancestors) }),
    metrics: { ...(token === undefined ? {} : { token }), separate },
    ...(separate ? { metricsListen: { host: host ?? '127.0.0.1', port: metricsPort } } : {}),
  };
}

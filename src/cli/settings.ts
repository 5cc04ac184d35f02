import { HTTP_TIMEOUTS, type HttpTimeouts } from '../api/server-timeouts.js';
import { POSTGRES_POOL_SIZE, POSTGRES_TIMEOUTS, type PostgresTimeouts } from '../store/postgres/database.js';
import { GROUP_COMMIT_DEFAULTS } from '../store/postgres/group-commit.js';
import { SQLITE_MIN_FREE_BYTES } from '../store/sqlite/readiness.js';

/** What an operator tunes for faults and slow clients (docs/operations.md); every one a flag and an env variable. */
export interface OperationalSettings {
  http: HttpTimeouts;
  postgres: PostgresTimeouts;
  /** Connections per instance, and the group commit's batch size and calls in flight (D-51). */
  postgresCapacity: { poolSize: number; maxBatch: number; maxInFlight: number };
  sqliteMinFreeBytes: number;
}

interface Setting {
  flag: string;
  env: string;
  unit: 'ms' | 'MiB' | 'connections' | 'requests' | 'calls';
  help: string;
  default: number;
  set(s: OperationalSettings, value: number): void;
}

const MIB = 1024 * 1024;

const http = (flag: string, env: string, key: keyof HttpTimeouts, help: string): Setting => ({
  flag,
  env,
  unit: 'ms',
  help,
  default: HTTP_TIMEOUTS[key],
  set: (s, v) => {
    s.http[key] = v;
  },
});

const postgres = (flag: string, env: string, key: keyof PostgresTimeouts, help: string): Setting => ({
  flag,
  env,
  unit: 'ms',
  help: `PostgreSQL: ${help}`,
  default: POSTGRES_TIMEOUTS[key],
  set: (s, v) => {
    s.postgres[key] = v;
  },
});

const CAPACITY_DEFAULTS = { poolSize: POSTGRES_POOL_SIZE, ...GROUP_COMMIT_DEFAULTS };

const capacity = (
  flag: string,
  env: string,
  key: keyof OperationalSettings['postgresCapacity'],
  unit: Setting['unit'],
  help: string,
): Setting => ({
  flag,
  env,
  unit,
  help: `PostgreSQL: ${help}`,
  default: CAPACITY_DEFAULTS[key],
  set: (s, v) => {
    s.postgresCapacity[key] = v;
  },
});

export const SETTINGS: Setting[] = [
  http('handler-timeout', 'COUPOND_HANDLER_TIMEOUT_MS', 'handlerMs', 'answer SYSTEM_ERROR when a request takes longer'),
  http('request-timeout', 'COUPOND_REQUEST_TIMEOUT_MS', 'requestMs', 'close clients slower to send a request'),
  http('headers-timeout', 'COUPOND_HEADERS_TIMEOUT_MS', 'headersMs', 'close clients slower to send headers'),
  http('keep-alive-timeout', 'COUPOND_KEEP_ALIVE_TIMEOUT_MS', 'keepAliveMs', 'close idle keep-alive connections'),
  postgres('db-connect-timeout', 'COUPOND_DB_CONNECT_TIMEOUT_MS', 'connectMs', 'wait for a connection'),
  postgres('db-statement-timeout', 'COUPOND_DB_STATEMENT_TIMEOUT_MS', 'statementMs', 'statement_timeout'),
  postgres('db-lock-timeout', 'COUPOND_DB_LOCK_TIMEOUT_MS', 'lockMs', 'lock_timeout'),
  postgres(
    'db-idle-tx-timeout',
    'COUPOND_DB_IDLE_TX_TIMEOUT_MS',
    'idleInTransactionMs',
    'idle_in_transaction_session_timeout',
  ),
  capacity('db-pool-size', 'COUPOND_DB_POOL_SIZE', 'poolSize', 'connections', 'connections per instance'),
  capacity('db-batch-size', 'COUPOND_DB_BATCH_SIZE', 'maxBatch', 'requests', 'claims or tokens per group commit'),
  capacity('db-batches-in-flight', 'COUPOND_DB_BATCHES_IN_FLIGHT', 'maxInFlight', 'calls', 'group commits at once'),
  {
    flag: 'min-free-disk',
    env: 'COUPOND_MIN_FREE_DISK_MB',
    unit: 'MiB',
    help: 'SQLite: /readyz fails with less free space on the database disk',
    default: SQLITE_MIN_FREE_BYTES / MIB,
    set: (s, v) => {
      s.sqliteMinFreeBytes = v * MIB;
    },
  },
];

/** `parseArgs` options for every setting. */
export const settingFlags = Object.fromEntries(SETTINGS.map((s) => [s.flag, { type: 'string' as const }]));

/** One usage line per setting. */
export const settingsUsage = SETTINGS.map(
  (s) => `  --${`${s.flag} <${s.unit}>`.padEnd(27)}${s.help} (default ${s.default}, env ${s.env})`,
).join('\n');

/** Flag, else env variable, else default; anything but a whole number ≥ 1 is refused. */
export function readSettings(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): OperationalSettings {
  const settings: OperationalSettings = {
    http: { ...HTTP_TIMEOUTS },
    postgres: { ...POSTGRES_TIMEOUTS },
    postgresCapacity: { ...CAPACITY_DEFAULTS },
    sqliteMinFreeBytes: SQLITE_MIN_FREE_BYTES,
  };
  for (const s of SETTINGS) {
    const raw = flags[s.flag] ?? env[s.env];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${s.flag} (${s.env}) must be a whole number of ${s.unit} ≥ 1, got ${String(raw)}`);
    s.set(settings, value);
  }
  return settings;
}

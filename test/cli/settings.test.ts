import { describe, expect, it } from 'vitest';
import { HTTP_TIMEOUTS } from '../../src/api/server-timeouts.js';
import { readSettings, SETTINGS, settingsUsage } from '../../src/cli/settings.js';
import { POSTGRES_POOL_SIZE, POSTGRES_TIMEOUTS } from '../../src/store/postgres/database.js';
import { SQLITE_MIN_FREE_BYTES } from '../../src/store/sqlite/readiness.js';

describe('operational settings', () => {
  it('defaults when neither a flag nor an env variable is given', () => {
    expect(readSettings({}, {})).toEqual({
      http: HTTP_TIMEOUTS,
      postgres: POSTGRES_TIMEOUTS,
      postgresCapacity: { poolSize: POSTGRES_POOL_SIZE, maxBatch: 64, maxInFlight: 1 },
      sqliteMinFreeBytes: SQLITE_MIN_FREE_BYTES,
    });
  });

  it('a flag wins over its env variable, which wins over the default', () => {
    const s = readSettings(
      { 'db-statement-timeout': '750', 'headers-timeout': '15000' },
      {
        COUPOND_DB_STATEMENT_TIMEOUT_MS: '9999',
        COUPOND_DB_LOCK_TIMEOUT_MS: '300',
        COUPOND_MIN_FREE_DISK_MB: '2',
        COUPOND_DB_POOL_SIZE: '24',
      },
    );
    expect(s.postgresCapacity).toEqual({ poolSize: 24, maxBatch: 64, maxInFlight: 1 });
    expect(s.postgres).toEqual({ ...POSTGRES_TIMEOUTS, statementMs: 750, lockMs: 300 });
    expect(s.http).toEqual({ ...HTTP_TIMEOUTS, headersMs: 15000 });
    expect(s.sqliteMinFreeBytes).toBe(2 * 1024 * 1024);
  });

  it.each(['0', '-5', '1.5', 'soon'])('refuses %s, naming the flag and the env variable', (bad) => {
    expect(() => readSettings({ 'request-timeout': bad }, {})).toThrow(
      /--request-timeout \(COUPOND_REQUEST_TIMEOUT_MS\) must be a whole number of ms/,
    );
  });

  it('every setting appears in the usage text with its default', () => {
    for (const s of SETTINGS) expect(settingsUsage).toContain(`--${s.flag}`);
    expect(settingsUsage).toContain(`default ${POSTGRES_TIMEOUTS.connectMs}, env COUPOND_DB_CONNECT_TIMEOUT_MS`);
  });
});

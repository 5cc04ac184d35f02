import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, WAL_SIZE_LIMIT } from '../../src/store/sqlite/database.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'coupond-ready-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite readiness and WAL bounds (D-31)', () => {
  it('is ready with enough free disk, and the probe write commits', async () => {
    const store = createSqliteStore(join(dir, 'ok.db'), { minFreeBytes: 1 });
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await store.getSetting('readiness_probe')).toMatch(/^\d{4}-/);
    await store.close();
  });

  it('is not ready when the disk has less free space than required', async () => {
    const store = createSqliteStore(join(dir, 'tight.db'), { minFreeBytes: Number.MAX_SAFE_INTEGER });
    await expect(store.ping()).rejects.toThrow(/bytes free on the database's disk/);
    await store.close();
  });

  it('is not ready when a write fails', async () => {
    const store = createSqliteStore(join(dir, 'closed.db'), { minFreeBytes: 1 });
    await store.close();
    await expect(store.ping()).rejects.toThrow(/not open/);
  });

  it('bounds the WAL: autocheckpoint and a size limit after each checkpoint', () => {
    const db = openSqlite(join(dir, 'wal.db'));
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});

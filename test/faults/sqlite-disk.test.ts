import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEachClaimedOnce, isSystemError, type LoadReport, sqliteCount, waitUntilReady } from './claim-load.js';
import { CoupondProcess } from './coupond-process.js';

const notRoot = process.getuid?.() !== 0;
if (notRoot && process.env.CI) throw new Error('the disk-full test needs root (to mount a tmpfs) under CI');
if (notRoot) console.warn('skipping the SQLite disk-full test: not running as root (it mounts a small tmpfs)');

/** Writes 256 KiB blocks until the disk refuses; returns how many bytes went in. */
function fill(path: string): number {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(256 * 1024, 1);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, block);
  } catch {
    return written;
  } finally {
    closeSync(fd);
  }
}

/** coupond on SQLite whose data folder is a 24 MiB tmpfs that is filled up and then freed. */
describe.skipIf(notRoot)('SQLite on a full disk', () => {
  const mount = mkdtempSync(join(tmpdir(), 'coupond-disk-'));
  let proc: CoupondProcess;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount]);
    proc = await CoupondProcess.start({ DATABASE_URL: '' }, ['--min-free-disk', '4'], mount);
  }, 60_000);

  afterAll(async () => {
    await proc?.stop();
    try {
      execFileSync('umount', [mount]);
    } finally {
      rmdirSync(mount);
    }
  });

  it('full: /readyz 503 and writes fail whole; freed: /readyz 200 and every token is claimed once', async () => {
    const tokens = await proc.tokens(30, 'disk');
    expect((await fetch(`${proc.origin}/readyz`)).status).toBe(200);
    const filler = join(mount, 'filler');
    expect(fill(filler)).toBeGreaterThan(0);

    expect((await fetch(`${proc.origin}/readyz`)).status).toBe(503);
    const report: LoadReport = { received: new Map(), failed: [], unexpected: [], unanswered: 0, slowestFailureMs: 0 };
    for (const token of tokens) {
      const { status, body } = await proc.claim(token);
      if (status === 200 && body.result === 'RECEIVED') report.received.set(token, String(body.user_coupon_bundle_id));
      else if (isSystemError(status, body)) report.failed.push(token);
      else report.unexpected.push({ status, body });
    }
    expect(report.unexpected).toEqual([]);
    expect(report.failed.length).toBeGreaterThan(0);
    expect((await fetch(`${proc.origin}/readyz`)).status).toBe(503);

    rmSync(filler);
    await waitUntilReady(proc.origin, 5000);
    expect(proc.alive, proc.stderr).toBe(true);
    await expectEachClaimedOnce(
      proc,
      sqliteCount(join(mount, 'coupond.db')),
      { tokens, requestPrefix: 'DISK_' },
      report,
    );
  });
});

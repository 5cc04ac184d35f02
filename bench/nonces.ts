/**
 * The replay check alone (no HTTP), on a file database with synchronous=FULL: µs per nonce when the window is kept
 * in the database with group commit (D-43), against an in-process map (what SQLite used before, lost on restart)
 * and against one RSA signature (what every signed answer costs anyway). Rounds alternate, so machine noise hits
 * all three alike. Run: `npm run bench:nonces`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAsync } from '../src/protocol/rsa.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';

const IN_FLIGHT = 100;
const PER_ROUND = 20_000;
const ROUNDS = 3;
const WINDOW_MS = 300_000;

const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'coupond-nonce-')), 'coupond.db'), {
  synchronous: 'FULL',
});
const memory = new Map<string, number>();
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

async function timed(count: number, one: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i += IN_FLIGHT)
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count - i) }, (_, j) => one(i + j)));
  return ((performance.now() - started) * 1000) / count;
}

const kinds = {
  'in-process map (before)': (tag: string) => async (i: number) => {
    const key = `m\n${tag}${i}`;
    if (memory.has(key)) return false;
    memory.set(key, Date.now() + WINDOW_MS);
    return true;
  },
  'database + group commit (D-43)': (tag: string) => (i: number) => {
    const now = new Date();
    return store.rememberNonce('1900000001', `${tag}${i}`, now, new Date(now.getTime() + WINDOW_MS));
  },
  'one RSA-2048 signature': () => (i: number) => signAsync(`message ${i}`, privateKey),
} as const;

const totals = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++)
  for (const [name, make] of Object.entries(kinds)) {
    const count = name.startsWith('one RSA') ? PER_ROUND / 20 : PER_ROUND;
    const us = await timed(count, make(randomBytes(8).toString('hex')));
    totals.set(name, [...(totals.get(name) ?? []), us]);
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const us = Object.fromEntries([...totals].map(([name, xs]) => [name, median(xs)]));
for (const [name, value] of Object.entries(us))
  process.stdout.write(`${name.padEnd(32)} ${value.toFixed(2).padStart(8)} µs/op (median of ${ROUNDS} rounds)\n`);
const persisted = us['database + group commit (D-43)']!;
process.stdout.write(
  `\npersisted / in-process: ${(persisted / us['in-process map (before)']!).toFixed(1)}×; ` +
    `persisted / one signature: ${(persisted / us['one RSA-2048 signature']!).toFixed(3)}\n`,
);
await store.close();

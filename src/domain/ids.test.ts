import { describe, expect, it } from 'vitest';
import { randomIds } from './ids.js';

describe('randomIds', () => {
  it('nonces are 32 lower-case hex characters and never repeat, across many refills of the random pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(randomIds.nonce());
    expect(seen.size).toBe(5000);
    for (const n of [...seen].slice(0, 50)) expect(n).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tokens carry the entropy asked for, small and large', () => {
    expect(Buffer.from(randomIds.token(32), 'base64url')).toHaveLength(32);
    expect(Buffer.from(randomIds.token(1000), 'base64url')).toHaveLength(1000);
    const tokens = new Set(Array.from({ length: 2000 }, () => randomIds.token(24)));
    expect(tokens.size).toBe(2000);
  });

  it('long numeric ids sort in the order they were made; uuids are version 7', () => {
    const ids = Array.from({ length: 500 }, () => randomIds.numeric('1', 24));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 20)) expect(id).toMatch(/^1\d{24}$/);
    expect(randomIds.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

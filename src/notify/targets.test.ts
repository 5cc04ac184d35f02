import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { NotifyTargets, parseAllowList, type Resolver } from './targets.js';

const fixed =
  (addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const lookup = (targets: NotifyTargets, options: { all?: boolean; family?: number }) =>
  new Promise<{ error: NodeJS.ErrnoException | null; result: string | LookupAddress[]; family?: number }>((resolve) =>
    targets.lookup('merchant.test', options, (error, result, family) => resolve({ error, result, family })),
  );

describe('NotifyTargets (D-35)', () => {
  it('classifies addresses with ipaddr.js ranges, v4-mapped and NAT64 by their IPv4 address', () => {
    const strict = new NotifyTargets();
    expect(strict.refusedRange('8.8.8.8')).toBeNull();
    expect(strict.refusedRange('2606:4700:4700::1111')).toBeNull();
    expect(strict.refusedRange('::ffff:8.8.8.8')).toBeNull();
    expect(strict.refusedRange('64:ff9b::808:808')).toBeNull();
    expect(strict.refusedRange('::ffff:192.168.0.1')).toBe('private');
    expect(strict.refusedRange('64:ff9b::7f00:1')).toBe('loopback');
    expect(strict.refusedRange('2001:db8::1')).toBe('reserved');
    expect(strict.refusedRange('2002:7f00:1::1')).toBe('6to4');
    expect(strict.refusedRange('198.18.0.1')).toBe('reserved');
  });

  it('lets allowed blocks through, in either notation, and nothing else', () => {
    const t = new NotifyTargets({ allow: parseAllowList(' 10.1.0.0/16, ::ffff:192.168.7.0/120 ,fd00::1') });
    expect(t.refusedRange('10.1.200.3')).toBeNull();
    expect(t.refusedRange('::ffff:10.1.0.9')).toBeNull();
    expect(t.refusedRange('192.168.7.99')).toBeNull();
    expect(t.refusedRange('fd00::1')).toBeNull();
    expect(t.refusedRange('10.2.0.1')).toBe('private');
    expect(t.refusedRange('fd00::2')).toBe('uniqueLocal');
  });

  it('rejects a malformed allow-list entry by name', () => {
    expect(parseAllowList(undefined)).toEqual([]);
    expect(parseAllowList('')).toEqual([]);
    expect(() => parseAllowList('10.0.0.0/8,intranet')).toThrow('"intranet" is not an IP address or CIDR block');
    expect(() => parseAllowList('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
  });

  it('is open in the sandbox except for credentials', () => {
    const open = new NotifyTargets({ open: true });
    expect(open.refuseUrl(new URL('http://127.0.0.1:9/n'))).toBeNull();
    expect(open.refusedRange('127.0.0.1')).toBeNull();
    expect(open.refuseUrl(new URL('https://a:b@example.com/'))).toEqual({ kind: 'credentials' });
  });

  it('lookup answers only vetted addresses, in both callback forms, and refuses when none is left', async () => {
    const t = new NotifyTargets({ resolve: fixed(['10.0.0.1', '93.184.216.34', '::1', '2606:2800:220:1::1']) });
    expect((await lookup(t, { all: true })).result).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    expect(await lookup(t, {})).toMatchObject({ error: null, result: '93.184.216.34', family: 4 });
    expect(await lookup(t, { family: 6 })).toMatchObject({ result: '2606:2800:220:1::1', family: 6 });
    const refused = await lookup(new NotifyTargets({ resolve: fixed(['10.0.0.1', '::1']) }), { all: true });
    expect(refused.error).toMatchObject({ code: 'ENOTIFYTARGET' });
    expect(refused.error?.message).toBe(
      'refused: merchant.test resolves to 10.0.0.1, in the private block, not a public address (internal blocks need --notify-allow)',
    );
  });
});

import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** Turns a host name into the addresses a connection could use (`dns.lookup` unless a test injects its own). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** Why a notify URL, or the address its host resolved to, may not be used (D-35). */
export type TargetRefusal =
  | { kind: 'credentials' }
  /** `range` is ipaddr.js's name for the address block (`loopback`, `private`, …) or `localhost`. */
  | { kind: 'internal'; host: string; address: string | null; range: string };

export interface NotifyTargetOptions {
  /** Sandbox: any host, loopback included (D-23). */
  open?: boolean;
  /** Address blocks the operator lets through (`--notify-allow`), as CIDRs or single addresses. */
  allow?: readonly string[];
  resolve?: Resolver;
}

// ipaddr.js names every special-purpose block; only what it calls unicast is public. It calls IPv4-compatible IPv6
// (::/96, deprecated, embeds an IPv4 address) unicast, so that block is refused here. NAT64 (64:ff9b::/96) is judged
// by the IPv4 address it embeds.
const EXTRA_REFUSED: Cidr[] = [ipaddr.parseCIDR('::/96')];
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
const LOOPBACKS = [ipaddr.parse('127.0.0.1'), ipaddr.parse('::1')];

/** Parses `--notify-allow` / `COUPOND_NOTIFY_ALLOW`: comma-separated CIDRs or addresses; throws on a bad entry. */
export function parseAllowList(text: string | undefined): string[] {
  const entries = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const entry of entries) toCidr(entry);
  return entries;
}

function toCidr(entry: string): Cidr {
  if (ipaddr.isValidCIDR(entry)) {
    const [address, bits] = ipaddr.parseCIDR(entry);
    return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
      ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
      : [address, bits];
  }
  if (ipaddr.isValid(entry)) {
    const address = ipaddr.process(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  throw new Error(`--notify-allow: "${entry}" is not an IP address or CIDR block`);
}

const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Which hosts callbacks may be sent to (D-35): outside the sandbox, only public unicast addresses, unless the
 * operator allows a block. URLs are checked when they are set; at delivery the host is resolved again and the
 * connection is made to a vetted address only, so a name that later resolves inward (DNS rebinding) is refused.
 */
export class NotifyTargets {
  readonly open: boolean;
  private readonly allow: Cidr[];
  private readonly resolve: Resolver;

  constructor(options: NotifyTargetOptions = {}) {
    this.open = options.open ?? false;
    this.allow = (options.allow ?? []).map(toCidr);
    this.resolve = options.resolve ?? ((hostname) => dns.lookup(hostname, { all: true, verbatim: true }));
  }

  /** What is wrong with this URL's credentials or host; null when it may be used (its name is checked at delivery). */
  refuseUrl(url: URL): TargetRefusal | null {
    if (url.username !== '' || url.password !== '') return { kind: 'credentials' };
    if (this.open) return null;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
    if (isLocalhostName(host))
      return LOOPBACKS.some((a) => this.allowed(a))
        ? null
        : { kind: 'internal', host, address: null, range: 'localhost' };
    if (!ipaddr.isValid(host)) return null;
    const range = this.refusedRange(host);
    return range ? { kind: 'internal', host, address: host, range } : null;
  }

  /** The name of the block `address` lies in when connections to it are refused; null when allowed. */
  refusedRange(address: string): string | null {
    if (this.open) return null;
    const parsed = ipaddr.process(address);
    if (this.allowed(parsed)) return null;
    const range = rangeOf(parsed);
    return range === 'unicast' ? null : range;
  }

  /**
   * A `lookup` for `net.connect`: resolves the name and hands back only the allowed addresses, so the address that
   * was checked is the one connected to. Fails when none is allowed.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.vetted(hostname, options).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : ''),
    );
  };

  private async vetted(hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
    const resolved = (await this.resolve(hostname)).filter((a) => !options.family || a.family === options.family);
    if (resolved.length === 0)
      throw Object.assign(new Error(`${hostname} does not resolve to any address`), { code: 'ENOTFOUND' });
    const allowed = resolved.filter((a) => this.refusedRange(a.address) === null);
    if (allowed.length > 0) return allowed;
    const first = resolved[0]!;
    throw new TargetRefusedError({
      kind: 'internal',
      host: hostname,
      address: first.address,
      range: this.refusedRange(first.address)!,
    });
  }

  private allowed(address: Address): boolean {
    return this.allow.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
  }
}

function rangeOf(address: Address): string {
  if (address.kind() === 'ipv4') return address.range();
  const v6 = address as ipaddr.IPv6;
  if (v6.match(NAT64)) return rangeOf(ipaddr.fromByteArray(v6.toByteArray().slice(12)));
  const range = v6.range();
  return range === 'unicast' && EXTRA_REFUSED.some(([net, bits]) => v6.match(net, bits)) ? 'ipv4Compatible' : range;
}

/** A connection refused because every address of the host is internal; its message goes to the webhook log. */
class TargetRefusedError extends Error {
  readonly code = 'ENOTIFYTARGET';
  constructor(readonly refusal: TargetRefusal) {
    super(describeRefusal(refusal));
    this.name = 'TargetRefusedError';
  }
}

/** The refusal in the webhook log's words. */
export function describeRefusal(r: TargetRefusal): string {
  if (r.kind === 'credentials') return 'refused: notify URLs may not carry a user name or password';
  const what =
    r.address && r.address !== r.host
      ? `${r.host} resolves to ${r.address}, in the ${r.range} block`
      : `${r.host} is in the ${r.range} block`;
  return `refused: ${what}, not a public address (internal blocks need --notify-allow)`;
}

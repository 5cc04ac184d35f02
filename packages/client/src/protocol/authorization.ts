/** The `Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…` header of API v3 requests (docs/protocol.md, Signing requests). */
const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

export interface AuthorizationFields {
  mchid: string;
  serial_no: string;
  nonce_str: string;
  timestamp: string;
  signature: string;
}

export type ParsedAuthorization =
  | { ok: true; fields: AuthorizationFields }
  | { ok: false; reason: 'format' | 'scheme' };

const KEYS = ['mchid', 'serial_no', 'nonce_str', 'timestamp', 'signature'] as const;
const PAIR = /^([a-z_]+)="([^"]*)"$/;

/** Order-free parsing; every key exactly once, values double-quoted and non-empty. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (!header) return { ok: false, reason: 'format' };
  const space = header.indexOf(' ');
  if (space <= 0) return { ok: false, reason: 'format' };
  if (header.slice(0, space) !== AUTH_SCHEME) return { ok: false, reason: 'scheme' };
  const found: Partial<Record<string, string>> = {};
  for (const part of header.slice(space + 1).split(',')) {
    const m = PAIR.exec(part.trim());
    if (!m) return { ok: false, reason: 'format' };
    const [, key, value] = m as unknown as [string, string, string];
    if (key in found) return { ok: false, reason: 'format' };
    found[key] = value;
  }
  const fields = {} as AuthorizationFields;
  for (const key of KEYS) {
    const value = found[key];
    if (!value) return { ok: false, reason: 'format' };
    fields[key] = value;
  }
  if (!/^\d{1,12}$/.test(fields.timestamp)) return { ok: false, reason: 'format' };
  return { ok: true, fields };
}

export function formatAuthorization(f: AuthorizationFields): string {
  return `${AUTH_SCHEME} mchid="${f.mchid}",nonce_str="${f.nonce_str}",signature="${f.signature}",timestamp="${f.timestamp}",serial_no="${f.serial_no}"`;
}

/** Serials compare case-insensitively and without the leading `00` some SDKs derive from certificates. */
export function normalizeSerial(serial: string): string {
  return serial.toUpperCase().replace(/^(00)+(?=[0-9A-F])/, '');
}

/** Hostile and odd values the fuzzer mixes into otherwise well-formed requests. */

/** JSON text spliced verbatim into a body: numbers JSON.stringify cannot write, deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A path segment sent exactly as written (already percent-encoded, or deliberately broken). */
export class RawSegment {
  constructor(readonly text: string) {}
}

/** A value that comes into existence during the run (a freshly pre-sent token), looked up as the request is built. */
export class LiveValue {
  constructor(
    private readonly pool: readonly string[],
    private readonly pick: number,
    private readonly fallback: string,
  ) {}

  /** One of the newest values in the pool, or the fallback while it is empty. */
  resolve(): string {
    const n = this.pool.length;
    return n === 0 ? this.fallback : this.pool[n - 1 - (this.pick % n)]!;
  }
}

const DEEP = 5_000;

/** Strings a field might receive from an attacker or a broken client. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDBFF',
  '\uFEFFbom',
  '\u202Eevil\u202C',
  'zero\u200Bwidth',
  'e\u0301\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦',
  '\uFFFF\uFFFE',
  '\u{10FFFF}',
  'İıſK',
  '\r\n\t',
  "' OR '1'='1' --",
  "'); DROP TABLE stocks; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(9)',
  'data:text/html,<b>x</b>',
  '../../../../etc/passwd',
  '%00',
  '%zz',
  ['$', '{jndi:ldap://x/a}'].join(''),
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  'x'.repeat(129),
  'x'.repeat(1_025),
  '中'.repeat(2_000),
  '😀'.repeat(600),
];

/** Values of the wrong JSON type for any field. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  '',
  'x',
  [],
  [null],
  {},
  { a: 1 },
  new RawJson('1e999'),
  new RawJson('-0'),
  new RawJson('123456789012345678901234567890'),
];

/** Nested arrays or objects far deeper than any schema. */
export const DEEP_VALUES: readonly RawJson[] = [
  new RawJson(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`),
  new RawJson(`${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`),
  new RawJson(`${'['.repeat(64)}1${']'.repeat(64)}`),
];

/** Whole request bodies that are not the JSON object a route expects. */
export const HOSTILE_BODIES: readonly string[] = [
  '',
  ' ',
  'null',
  '[]',
  '"text"',
  '1',
  '{',
  '{"a":1,}',
  '{"a":1}{"b":2}',
  `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`,
  `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`,
  `{"brand_id":"${'x'.repeat(70_000)}"}`,
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '\uFEFF{}',
];

/** Path segments a router and a decoder must survive. */
export const HOSTILE_SEGMENTS: readonly RawSegment[] = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%FF%FE',
  '%ED%A0%80',
  '%00',
  'a%00b',
  '%2F',
  'a%2Fb',
  '%5C',
  '..',
  '.',
  '%2e%2e',
  '%252e',
  ';',
  'a;b=c',
  ':id',
  '*',
  '%20',
  '+',
  'x'.repeat(101),
  'x'.repeat(2_000),
  '%41'.repeat(200),
].map((s) => new RawSegment(s));

/** Query-string fragments appended to an otherwise valid query. */
export const HOSTILE_QUERY_PARTS: readonly string[] = [
  '%',
  '%zz=1',
  'brand_id',
  'brand_id=',
  '=x',
  '&&&',
  'brand_id=a&brand_id=b',
  'page_size=1&page_size=2',
  'a[b]=c',
  '__proto__=1',
  'constructor[prototype][x]=1',
  'page_size=-1',
  'page_size=1e3',
  'page_size=0x10',
  'page_size=%00',
  'page_token=%ED%A0%80',
  `x=${'y'.repeat(10_000)}`,
];

import type { TObject, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { mutant, toJsonText, valid, type World } from './schema-arbitrary.js';
import { HOSTILE_BODIES, HOSTILE_QUERY_PARTS, HOSTILE_SEGMENTS, LiveValue, RawJson, RawSegment } from './values.js';

/** One HTTP API as the fuzzer sees it: where it lives, what it takes, and who may call it. */
export interface FuzzRoute {
  name: string;
  surface: 'v3' | 'component' | 'admin';
  method: string;
  /** With `{name}` placeholders. */
  path: string;
  params?: TObject;
  query?: TObject;
  body?: TObject;
  /** The 2xx body's schema; absent when the route answers 204 or its body is not checked. */
  response?: TSchema;
  /** Send only bodies the schema rejects (routes whose valid calls would disturb the run: faults, the clock). */
  onlyInvalidBodies?: boolean;
  /** Values by property name used for this route instead of the shared ones. */
  world?: World;
  /** Coherent, valid requests built from what exists on the server; sent as they are or with one part mutated. */
  examples?: readonly Example[];
}

export interface Example {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

export interface FuzzRequest {
  method: string;
  /** Exactly what goes on the request line: path and query, percent-encoded (or deliberately broken). */
  path: string;
  body: string | null;
  contentType?: string;
  /** Sent without credentials (no signature, no admin token). */
  anonymous?: boolean;
}

/** Request numbers are always fresh in examples, so a valid example is not just a replay of the first answer. */
const FRESH_KEYS = ['out_request_no', 'send_request_no', 'task_id'];

export function requestArbitrary(route: FuzzRoute, shared: World): fc.Arbitrary<FuzzRequest> {
  const world = route.world ? new Map([...shared, ...route.world]) : shared;
  const parts = fc.record({
    params: route.params ? partArbitrary(route.params, world) : fc.constant(undefined),
    query: route.query ? partArbitrary(route.query, world) : fc.constant(undefined),
    body: route.body ? partArbitrary(route.body, world) : fc.constant(undefined),
  });
  const examples = route.examples ?? [];
  const sources = examples.length > 0 ? fc.oneof(parts, exampleArbitrary(route, examples, world)) : parts;
  return fc
    .tuple(sources, pathExtras(), queryExtras(), bodyExtras(route), contentType(route), fc.nat(39))
    .map(([p, hostileSegment, hostileQuery, hostileBody, type, dice]) => ({
      method: route.method,
      path: buildPath(route.path, p.params, hostileSegment) + withTail(buildQuery(p.query), hostileQuery),
      body: route.body || hostileBody !== undefined ? (hostileBody ?? toJsonText(p.body ?? {})) : null,
      ...(type === undefined ? {} : { contentType: type }),
      ...(dice === 0 ? { anonymous: true } : {}),
    }))
    .map(withShortPrint)
    .filter((r) => !route.onlyInvalidBodies || !acceptedBody(route.body, r.body));
}

const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/** Failure reports print a request on a few lines, however long its generated parts are. */
export function describeRequest(r: FuzzRequest): string {
  const extras = [
    r.contentType !== undefined && `content-type ${JSON.stringify(r.contentType)}`,
    r.anonymous && 'unsigned',
  ];
  const body = r.body === null ? '' : `\n    body: ${clip(JSON.stringify(r.body))}`;
  return `${r.method} ${clip(r.path)} ${extras.filter(Boolean).join(', ')}${body}`;
}

const withShortPrint = (r: FuzzRequest): FuzzRequest =>
  Object.defineProperty(r, fc.toStringMethod, { value: () => describeRequest(r), enumerable: false });

type Parts = { params?: unknown; query?: unknown; body?: unknown };

function partArbitrary(schema: TObject, world: World): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid(schema, world) }, { weight: 2, arbitrary: mutant(schema, world) });
}

/** An example as-is (with fresh request numbers) or with one part replaced by a mutant of that part. */
function exampleArbitrary(route: FuzzRoute, examples: readonly Example[], world: World): fc.Arbitrary<Parts> {
  const fresh = fc.record(Object.fromEntries(FRESH_KEYS.map((k) => [k, fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/)])));
  const schemas = { params: route.params, query: route.query, body: route.body };
  const names = (Object.keys(schemas) as (keyof Example)[]).filter((k) => schemas[k] !== undefined);
  return fc.tuple(fc.constantFrom(...examples), fresh).chain(([example, numbers]) => {
    const body = example.body && refresh(example.body, numbers);
    const asIs = fc.constant<Parts>({ ...example, body });
    const oneBad = fc
      .constantFrom(...names)
      .chain((name) =>
        mutantOf(schemas[name]!, { ...example, body }[name] ?? {}, world).map((v) => ({ ...example, body, [name]: v })),
      );
    return fc.oneof({ weight: 2, arbitrary: asIs }, { weight: 3, arbitrary: oneBad });
  });
}

function refresh(body: Record<string, unknown>, numbers: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...body };
  for (const k of FRESH_KEYS) if (k in copy) copy[k] = numbers[k];
  return copy;
}

/** The example with one property replaced by a valid or a mutant value of its schema. */
function mutantOf(schema: TObject, example: Record<string, unknown>, world: World): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties);
  return fc.constantFrom(...keys).chain((k) => {
    const prop = schema.properties[k]!;
    return fc.oneof(mutant(prop, world), valid(prop, world, k)).map((v) => ({ ...example, [k]: v }));
  });
}

/** `arb` once in `n` requests, otherwise nothing. */
const onceIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const pathExtras = () => onceIn(10, fc.constantFrom(...HOSTILE_SEGMENTS));

const queryExtras = () => onceIn(12, fc.constantFrom(...HOSTILE_QUERY_PARTS));

const bodyExtras = (route: FuzzRoute) =>
  route.body ? onceIn(10, fc.constantFrom(...HOSTILE_BODIES)) : fc.constant(undefined);

const contentType = (route: FuzzRoute) =>
  route.body
    ? onceIn(25, fc.constantFrom('text/plain', 'application/json; charset=latin1', 'application/jsonx', ''))
    : fc.constant(undefined);

function buildPath(template: string, params: unknown, hostile: RawSegment | undefined): string {
  const values = (params ?? {}) as Record<string, unknown>;
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const target = hostile ? names[names.length - 1] : undefined;
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === target ? hostile!.text : segment(values[name]),
  );
}

function buildQuery(query: unknown): string {
  if (query instanceof RawJson || typeof query !== 'object' || query === null)
    return query === undefined ? '' : `?${segment(query)}`;
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(query))
    for (const item of Array.isArray(v) ? v : [v]) pairs.push(`${segment(k)}=${segment(item)}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

const withTail = (query: string, tail: string | undefined) =>
  tail === undefined ? query : `${query}${query === '' ? '?' : '&'}${tail}`;

/** A value as one percent-encoded path segment or query value; lone surrogates are written as their WTF-8 bytes. */
function segment(v: unknown): string {
  if (v instanceof RawSegment) return v.text;
  if (v instanceof LiveValue) return encodeURIComponent(v.resolve());
  const text = typeof v === 'string' ? v : v instanceof RawJson ? v.text : toJsonText(v);
  if (wellFormed(text)) return encodeURIComponent(text);
  let out = '';
  for (const ch of text) {
    const u = ch.charCodeAt(0);
    out +=
      ch.length === 1 && u >= 0xd800 && u <= 0xdfff
        ? `%ED%${(0x80 | ((u >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (u & 0x3f)).toString(16).toUpperCase()}`
        : encodeURIComponent(ch);
  }
  return out;
}

const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

function acceptedBody(schema: TObject | undefined, text: string | null): boolean {
  if (!schema || text === null) return false;
  try {
    return Value.Check(schema, JSON.parse(text));
  } catch {
    return false;
  }
}

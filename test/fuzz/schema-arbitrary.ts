import { Kind, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { toRfc3339 } from '../../src/domain/clock.js';
import '../../src/schemas/formats.js';
import { DEEP_VALUES, HOSTILE_STRINGS, LiveValue, RawJson, WRONG_TYPES } from './values.js';

/**
 * fast-check arbitraries derived from the TypeBox schemas that also drive validation, the SDK and openapi.json:
 * `valid` values satisfy the schema, `mutant` values sit on or past its limits or are hostile.
 */

/** Values that exist on the running server, by property name (ids, openids, tokens): valid values draw on them. */
export type World = ReadonlyMap<string, readonly unknown[]>;

type Arb = fc.Arbitrary<unknown>;
type Props = Record<string, TSchema>;

const cp = (min: number, max: number) => fc.integer({ min, max }).map((n) => String.fromCodePoint(n));
/** One character of ordinary text: ASCII, CJK, now and then an emoji (one character, two UTF-16 units). */
const TEXT_CHAR = fc.oneof(
  { weight: 5, arbitrary: cp(0x21, 0x7e) },
  { weight: 3, arbitrary: cp(0x4e00, 0x9fa5) },
  { weight: 1, arbitrary: cp(0x1f300, 0x1f64f) },
);
const BMP_CHAR = fc.oneof({ weight: 3, arbitrary: cp(0x21, 0x7e) }, { weight: 1, arbitrary: cp(0x4e00, 0x9fa5) });
const VALID_DATES = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true });

/** `^X{a,b}$`, `^X+$`: a repeated single class or group. */
const REPEATED = /^\^(\[[^\]]+\]|\(\?:.*\))(\+|\{(\d+),(\d+)\})\$$/;

const ODD_DATES = [
  '2025-02-30T00:00:00+08:00',
  '2025-08-01',
  '2025-08-01T00:00:00Z',
  '2025-08-01t00:00:00z',
  '2025-08-01T24:00:00+08:00',
  '2025-08-01T00:00:60+08:00',
  '2025-08-01T00:00:00+25:00',
  '2025-08-01T00:00:00.123456789+08:00',
  '9999-12-31T23:59:59+08:00',
  '0000-01-01T00:00:00+00:00',
  '+275760-09-13T00:00:00Z',
  '1970-01-01T00:00:00+08:00',
];
const ODD_URIS = [
  'javascript:alert(9)',
  'ftp://example.com/a',
  'file:///etc/passwd',
  'http://',
  'https://user:pass@example.com/',
  'http://[::1]/',
  'https://例え.jp/パス',
  'https://example.com:99999/',
  '//example.com/a',
  'https://example.com/%zz',
  `https://example.com/${'a'.repeat(1_100)}`,
];
const UNITS = ['a', '1', '_', '中', '😀'];

export function valid(schema: TSchema, world: World, key = ''): Arb {
  const own = validBySchema(schema, world);
  const known = world.get(key);
  return known?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, own) : own;
}

function validBySchema(s: TSchema, world: World): Arb {
  switch (s[Kind]) {
    case 'Literal':
      return fc.constant(s.const);
    case 'Union':
      return fc.oneof(...(s.anyOf as TSchema[]).map((m) => validBySchema(m, world)));
    case 'String':
      return validString(s).filter((v) => Value.Check(s, v));
    case 'Integer':
      return integer(s.minimum ?? 0, s.maximum ?? 1_000, s.multipleOf);
    case 'Number':
      return fc.double({
        min: s.exclusiveMinimum ?? s.minimum ?? 0,
        max: s.maximum ?? 1e6,
        minExcluded: s.exclusiveMinimum !== undefined,
        noNaN: true,
      });
    case 'Boolean':
      return fc.boolean();
    case 'Array':
      return validArray(s, world);
    case 'Object':
      return validObject(s as TObject, world);
    default:
      throw new Error(`no arbitrary for schema kind ${String(s[Kind])}`);
  }
}

function validString(s: TSchema): fc.Arbitrary<string> {
  if (s.format === 'date-time') return VALID_DATES.map(toRfc3339);
  if (s.format === 'uri')
    return fc
      .stringMatching(/^[a-z0-9._~-]{0,24}$/)
      .map((p) => `https://img.example.com/${p}`)
      .filter((u) => u.length <= (s.maxLength ?? 256));
  const min = s.minLength ?? 0;
  if (s.pattern === undefined)
    return fc.string({ unit: BMP_CHAR, minLength: min, maxLength: Math.min(s.maxLength ?? 64, min + 24) });
  const m = REPEATED.exec(s.pattern);
  if (!m) return fc.stringMatching(new RegExp(s.pattern));
  const [, unit, quantifier, lo, hi] = m;
  const chars = unit!.startsWith('(?:') ? TEXT_CHAR : fc.stringMatching(new RegExp(`^${unit}$`));
  const minChars = Math.max(quantifier === '+' ? 1 : Number(lo), min);
  const maxChars = Math.min(
    quantifier === '+' ? Number.POSITIVE_INFINITY : Number(hi),
    s.maxLength ?? 64,
    minChars + 24,
  );
  return fc.string({ unit: chars, minLength: minChars, maxLength: maxChars });
}

function integer(min: number, max: number, multipleOf?: number): fc.Arbitrary<number> {
  if (multipleOf) return integer(Math.ceil(min / multipleOf), Math.floor(max / multipleOf)).map((k) => k * multipleOf);
  if (min >= -(2 ** 31) && max < 2 ** 31) return fc.integer({ min, max });
  return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }).map(Math.floor));
}

function validArray(s: TSchema, world: World): Arb {
  const minLength = s.minItems ?? 0;
  const maxLength = Math.min(s.maxItems ?? 3, minLength + 3);
  const item = valid(s.items as TSchema, world);
  return s.uniqueItems
    ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(item, { minLength, maxLength });
}

function validObject(s: TObject, world: World): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties as Props;
  const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, valid(p, world, k)]));
  return fc.record(model, { requiredKeys: (s.required ?? []) as string[] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A value on or past the schema's limits, of the wrong type, or hostile. */
export function mutant(schema: TSchema, world: World): Arb {
  return fc.oneof(
    { weight: 3, arbitrary: mutantBySchema(schema, world) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP_VALUES) },
  );
}

function mutantBySchema(s: TSchema, world: World): Arb {
  switch (s[Kind]) {
    case 'Literal':
    case 'Union':
      return literalMutants(s);
    case 'String':
      return stringMutants(s);
    case 'Integer':
    case 'Number':
      return numberMutants(s);
    case 'Array':
      return arrayMutants(s, world);
    case 'Object':
      return objectMutants(s as TObject, world);
    default:
      return fc.constantFrom(...WRONG_TYPES);
  }
}

function literalMutants(s: TSchema): Arb {
  const values = (s[Kind] === 'Union' ? (s.anyOf as TSchema[]) : [s])
    .map((m) => m.const)
    .filter((v) => v !== undefined);
  const texts = values.map(String);
  return fc.constantFrom(
    ...texts.map((t) => t.toLowerCase()),
    ...texts.map((t) => ` ${t}`),
    ...texts.map((t) => `${t}\u0000`),
    ...values.map((v) => [v]),
    'UNKNOWN',
    '',
  );
}

function stringMutants(s: TSchema): Arb {
  const max = s.maxLength ?? 128;
  const min = s.minLength ?? 0;
  const charMax = /\{\d+,(\d+)\}\$$/.exec(s.pattern ?? '')?.[1];
  const lengths = [min, max, max + 1, ...(min > 0 ? [min - 1] : []), ...(charMax ? [+charMax, +charMax + 1] : [])];
  const repeated = fc.tuple(fc.constantFrom(...lengths), fc.constantFrom(...UNITS)).map(([n, unit]) => unit.repeat(n));
  const odd =
    s.format === 'date-time' ? ODD_DATES : s.format === 'uri' ? ODD_URIS : ['ABC DEF', 'ABC/DEF', 'ABC\u0000DEF'];
  return fc.oneof(
    repeated,
    fc.constantFrom(...odd),
    fc.integer().map((n) => n),
  );
}

function numberMutants(s: TSchema): Arb {
  const min = s.minimum ?? s.exclusiveMinimum ?? 0;
  const max = s.maximum ?? 2 ** 31;
  const step = s.multipleOf ?? 1;
  return fc.constantFrom(
    min,
    max,
    min - 1,
    max + 1,
    min + step / 2,
    0,
    -1,
    0.5,
    2 ** 31,
    2 ** 53,
    -(2 ** 53),
    1e21,
    String(min),
    `${max}`,
    new RawJson('1e999'),
    new RawJson('-0'),
    new RawJson(`${max}.0`),
  );
}

function arrayMutants(s: TSchema, world: World): Arb {
  const items = s.items as TSchema;
  const base = validArray(s, world) as fc.Arbitrary<unknown[]>;
  const options: Arb[] = [
    fc.constant([]),
    fc.tuple(base, mutant(items, world)).map(([arr, bad]) => [...arr, bad]),
    fc.array(fc.constantFrom(...WRONG_TYPES), { minLength: 1, maxLength: 3 }),
  ];
  if (s.maxItems !== undefined && s.maxItems <= 100) {
    const full = { minLength: s.maxItems, maxLength: s.maxItems };
    options.push(
      fc.array(valid(items, world), full),
      fc.array(valid(items, world), { ...full, minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }),
    );
  }
  if (s.uniqueItems) options.push(valid(items, world).map((v) => [v, v]));
  return fc.oneof(...options);
}

const EXTRA_KEYS = [
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  'BRAND_ID',
  'brand_id ',
  '',
  '\u0000',
  'a'.repeat(300),
];

function objectMutants(s: TObject, world: World): Arb {
  const props = s.properties as Props;
  const keys = Object.keys(props);
  const base = validObject(s, world);
  const extra = fc
    .tuple(base, fc.constantFrom(...EXTRA_KEYS), fc.oneof(fc.constantFrom(...WRONG_TYPES), fc.string()))
    .map(([o, k, v]) => withProperty(o, k, v));
  if (keys.length === 0) return extra;
  const oneBad = fc
    .constantFrom(...keys)
    .chain((k) => fc.tuple(base, mutant(props[k]!, world)).map(([o, v]) => withProperty(o, k, v)));
  const required = (s.required ?? []) as string[];
  const options: Arb[] = [oneBad, oneBad, extra];
  if (required.length > 0)
    options.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => {
        const { [k]: _dropped, ...rest } = o;
        return rest;
      }),
    );
  return fc.oneof(...options);
}

/** Sets a property as an own, enumerable one, even `__proto__`. */
function withProperty(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...o };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** JSON text of a generated value; `RawJson` parts are spliced in verbatim. */
export function toJsonText(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (v instanceof LiveValue) return JSON.stringify(v.resolve());
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${toJsonText(x)}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

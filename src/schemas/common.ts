import { type SchemaOptions, type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import { CHARS, RULE } from './error-text.js';
import './formats.js';

/** A `pattern` with the words a validation message says instead of it (D-77). */
export const Pattern = (pattern: string, rule: string) => ({ pattern, [RULE]: rule });

/** What WeChat's request numbers may contain (e.g. 退券请求单号: 数字、大小写字母、下划线、短横线). */
const REQUEST_NO_CHARS = Pattern('^[0-9A-Za-z_-]+$', '只能由数字、大小写字母、下划线 _、短横线 - 组成');

/**
 * At most `max` Unicode characters (an emoji counts once; `maxLength` alone would count UTF-16 units). The pattern
 * counts a surrogate pair as one character, with or without the `u` flag; its alternatives never overlap, so a failing
 * match cannot backtrack exponentially. `x-chars` gives validation messages the count (D-77).
 */
const CHAR = '(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|[^\\uD800-\\uDBFF])';
export const Chars = (max: number, min = 0, options: SchemaOptions = {}) =>
  Type.String({
    minLength: min,
    maxLength: max * 2,
    pattern: `^${CHAR}{${min},${max}}$`,
    [CHARS]: { min, max },
    ...options,
  });

/** Shared field shapes of the product-coupon family. */
export const RequestNo = (max = 40) =>
  Type.String({ minLength: 6, maxLength: max, ...REQUEST_NO_CHARS, description: 'request number' });
/** A user coupon code a caller assigns (`coupon_code_mode=API_ASSIGN`): up to 40 of the request-number characters. */
export const AssignedCouponCode = Type.String({ minLength: 1, maxLength: 40, ...REQUEST_NO_CHARS });
export const BrandId = Type.String({ minLength: 1, maxLength: 32 });
export const AppId = Type.String({ minLength: 1, maxLength: 32 });
export const OpenId = Type.String({ minLength: 1, maxLength: 128 });
export const ObjectId = Type.String({ minLength: 1, maxLength: 40 });
export const DateTime = Type.String({ format: 'date-time', maxLength: 64 });
export const NotifyUrl = Type.String({ format: 'uri', minLength: 1, maxLength: 256 });
/** Money in fen. */
export const Fen = (max = 100_000_000_00) => Type.Integer({ minimum: 0, maximum: max });

/** Request bodies reject properties the contract does not define (docs/protocol.md, Errors). */
export const Body = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
/** Query strings reject parameters the contract does not define, as bodies do. */
export const Query = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Body(props);

export const PathOpenId = Type.Object({ openid: OpenId });

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
/** A union of string literals built from a list of values, keeping each literal type. */
export const literals = <const T extends readonly string[]>(values: T): TUnion<Literals<T>> =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<Literals<T>>;

/** `T`, provided it fits `Shape`: a schema-derived type that must satisfy a type the domain reads. */
export type Satisfies<T extends Shape, Shape> = T;

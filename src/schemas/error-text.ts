import { Kind, type TSchema } from '@sinclair/typebox';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import type { FieldRule } from '../domain/field-error.js';

/**
 * Schema keywords that give a validation message its words (D-77): `x-chars` is the length of a text counted in
 * Unicode characters (its `pattern` and doubled `maxLength` only implement that count), `x-rule` says in words what
 * a `pattern` allows. A message never shows a regular expression.
 */
export const CHARS = 'x-chars';
export const RULE = 'x-rule';

export interface FieldProblem {
  rule: FieldRule;
  issue: string;
}

const FORMATS: Record<string, string> = {
  'date-time': '不是 RFC 3339 格式的时间（如 2025-01-01T08:00:00+08:00）',
  uri: '不是 http 或 https 开头的 URL',
  'mini-program-path': '不是小程序页面路径（如 pages/index/index?id=1）',
};

const TYPE_WORDS: Partial<Record<ValueErrorType, string>> = {
  [ValueErrorType.String]: '字符串',
  [ValueErrorType.Integer]: '整数',
  [ValueErrorType.Number]: '数字',
  [ValueErrorType.Boolean]: '布尔值',
  [ValueErrorType.Object]: '对象',
  [ValueErrorType.Array]: '数组',
  [ValueErrorType.Tuple]: '数组',
  [ValueErrorType.Null]: 'null',
  [ValueErrorType.BigInt]: '大整数',
  [ValueErrorType.Date]: '日期',
  [ValueErrorType.Uint8Array]: '字节数组',
  [ValueErrorType.Function]: '函数',
  [ValueErrorType.Promise]: 'Promise',
  [ValueErrorType.Symbol]: 'Symbol',
  [ValueErrorType.Iterator]: '迭代器',
  [ValueErrorType.AsyncIterator]: '异步迭代器',
  [ValueErrorType.Undefined]: '不填写',
  [ValueErrorType.Void]: '不填写',
};

/** What a JSON value is, in the words of the type messages. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  if (typeof value === 'number') return Number.isInteger(value) ? '整数' : '数字';
  const words: Record<string, string> = { string: '字符串', boolean: '布尔值', object: '对象', undefined: '未填写' };
  return words[typeof value] ?? typeof value;
}

const shown = (value: unknown) => (typeof value === 'string' ? `“${value}”` : (JSON.stringify(value) ?? String(value)));

/** One alternative of a union, in words: a literal as itself, otherwise its type and rule. */
function alternative(schema: TSchema): string {
  if (schema.const !== undefined) return shown(schema.const);
  if (typeof schema[RULE] === 'string') return `字符串（${schema[RULE]}）`;
  const words: Record<string, string> = {
    String: '字符串',
    Integer: '整数',
    Number: '数字',
    Boolean: '布尔值',
    Object: '对象',
    Array: '数组',
    Null: 'null',
  };
  return words[schema[Kind] as string] ?? '其他结构';
}

function enumIssue(error: ValueError): string {
  const options = ((error.schema.anyOf ?? []) as TSchema[]).map(alternative);
  return `取值 ${shown(error.value)} 不在可选取值 ${options.join('、')} 之中`;
}

/** A text's length in the unit its limit counts: Unicode characters for `x-chars`, else UTF-16 units. */
function lengthIssue(error: ValueError): FieldProblem {
  const chars = error.schema[CHARS] as { min: number; max: number } | undefined;
  const text = String(error.value);
  const count = chars ? [...text].length : text.length;
  const min = chars ? chars.min : (error.schema.minLength as number);
  const max = chars ? chars.max : (error.schema.maxLength as number);
  return count < min
    ? { rule: 'string', issue: `字符数 ${count}，小于最小值 ${min}` }
    : { rule: 'string', issue: `字符数 ${count}，大于最大值 ${max}` };
}

function patternIssue(error: ValueError): FieldProblem {
  if (error.schema[CHARS]) return lengthIssue(error);
  const rule = error.schema[RULE] as string | undefined;
  return { rule: 'string', issue: rule ?? '不符合规定的字符组成' };
}

const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const keys = (value: unknown) => (value !== null && typeof value === 'object' ? Object.keys(value).length : 0);

/** Bounds of numbers, big integers and timestamps, which TypeBox reports alike. */
function boundIssue(error: ValueError): FieldProblem | null {
  const s = error.schema;
  const T = ValueErrorType;
  switch (error.type) {
    case T.IntegerMinimum:
    case T.NumberMinimum:
    case T.BigIntMinimum:
      return { rule: 'number', issue: `值低于最小值 ${s.minimum}` };
    case T.IntegerMaximum:
    case T.NumberMaximum:
    case T.BigIntMaximum:
      return { rule: 'number', issue: `值高于最大值 ${s.maximum}` };
    case T.IntegerExclusiveMinimum:
    case T.NumberExclusiveMinimum:
    case T.BigIntExclusiveMinimum:
      return { rule: 'number', issue: `值必须大于 ${s.exclusiveMinimum}` };
    case T.IntegerExclusiveMaximum:
    case T.NumberExclusiveMaximum:
    case T.BigIntExclusiveMaximum:
      return { rule: 'number', issue: `值必须小于 ${s.exclusiveMaximum}` };
    case T.IntegerMultipleOf:
    case T.NumberMultipleOf:
    case T.BigIntMultipleOf:
      return { rule: 'number', issue: `值必须是 ${s.multipleOf} 的整数倍` };
    case T.DateMinimumTimestamp:
      return { rule: 'value', issue: `时间早于最早时间 ${s.minimumTimestamp}` };
    case T.DateMaximumTimestamp:
      return { rule: 'value', issue: `时间晚于最晚时间 ${s.maximumTimestamp}` };
    case T.DateExclusiveMinimumTimestamp:
      return { rule: 'value', issue: `时间必须晚于 ${s.exclusiveMinimumTimestamp}` };
    case T.DateExclusiveMaximumTimestamp:
      return { rule: 'value', issue: `时间必须早于 ${s.exclusiveMaximumTimestamp}` };
    case T.DateMultipleOfTimestamp:
      return { rule: 'value', issue: `时间戳必须是 ${s.multipleOfTimestamp} 的整数倍` };
    default:
      return null;
  }
}

/** Sizes of arrays, objects and byte arrays. */
function sizeIssue(error: ValueError): FieldProblem | null {
  const s = error.schema;
  const T = ValueErrorType;
  const bytes = error.value instanceof Uint8Array ? error.value.length : 0;
  switch (error.type) {
    case T.ArrayMinItems:
      return { rule: 'array', issue: `元素个数 ${count(error.value)}，小于最小值 ${s.minItems}` };
    case T.ArrayMaxItems:
      return { rule: 'array', issue: `元素个数 ${count(error.value)}，大于最大值 ${s.maxItems}` };
    case T.ArrayUniqueItems:
      return { rule: 'array', issue: '元素不能重复' };
    case T.ArrayContains:
      return { rule: 'array', issue: '没有符合要求的元素' };
    case T.ArrayMinContains:
      return { rule: 'array', issue: `符合要求的元素少于 ${s.minContains} 个` };
    case T.ArrayMaxContains:
      return { rule: 'array', issue: `符合要求的元素多于 ${s.maxContains} 个` };
    case T.TupleLength:
      return { rule: 'array', issue: `元素个数 ${count(error.value)}，应为 ${s.maxItems ?? 0}` };
    case T.ObjectMinProperties:
      return { rule: 'object', issue: `属性个数 ${keys(error.value)}，小于最小值 ${s.minProperties}` };
    case T.ObjectMaxProperties:
      return { rule: 'object', issue: `属性个数 ${keys(error.value)}，大于最大值 ${s.maxProperties}` };
    case T.Uint8ArrayMinByteLength:
      return { rule: 'value', issue: `字节数 ${bytes}，小于最小值 ${s.minByteLength}` };
    case T.Uint8ArrayMaxByteLength:
      return { rule: 'value', issue: `字节数 ${bytes}，大于最大值 ${s.maxByteLength}` };
    default:
      return null;
  }
}

/** Every other kind: presence, strings, enums, unions and the rules no JSON request reaches. */
function otherIssue(error: ValueError): FieldProblem {
  const s = error.schema;
  const T = ValueErrorType;
  switch (error.type) {
    case T.ObjectRequiredProperty:
      return { rule: 'required', issue: '此字段为必填项' };
    case T.StringMinLength:
    case T.StringMaxLength:
      return lengthIssue(error);
    case T.StringPattern:
    case T.RegExp:
      return patternIssue(error);
    case T.StringFormat:
      return { rule: 'format', issue: FORMATS[s.format as string] ?? `不符合 ${s.format} 格式` };
    case T.StringFormatUnknown:
      return { rule: 'format', issue: `格式 ${s.format} 无法校验` };
    case T.Literal:
      return { rule: 'enum', issue: `取值 ${shown(error.value)} 不是 ${shown(s.const)}` };
    case T.Union:
      return { rule: 'enum', issue: enumIssue(error) };
    case T.ObjectAdditionalProperties:
    case T.IntersectUnevaluatedProperties:
      return { rule: 'object', issue: '含有未在API文档中定义的参数' };
    case T.Intersect:
      return { rule: 'value', issue: '没有同时满足各项要求' };
    case T.Never:
      return { rule: 'value', issue: '此字段不可填写' };
    case T.Not:
      return { rule: 'value', issue: `不可取值 ${shown(error.value)}` };
    case T.Kind:
      return { rule: 'type', issue: `类型 ${String(s[Kind])} 无法校验` };
    default: {
      const wanted = TYPE_WORDS[error.type];
      if (wanted === undefined) return { rule: 'value', issue: '不符合字段要求' };
      return { rule: 'type', issue: `应为${wanted}，实际为${typeOf(error.value)}` };
    }
  }
}

/** A TypeBox validation error in WeChat's words: which rule the field broke and how (D-77). */
export function describeError(error: ValueError): FieldProblem {
  return boundIssue(error) ?? sizeIssue(error) ?? otherIssue(error);
}

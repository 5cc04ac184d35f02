import { Kind, type TSchema, Type, TypeRegistry } from '@sinclair/typebox';
import { Errors, ValueErrorType } from '@sinclair/typebox/errors';
import { describe, expect, it } from 'vitest';
import { rejected } from '../../test/helpers/expect-validation.js';
import { FaultBody } from '../api/faults.js';
import * as admin from './admin.js';
import { Body, Chars, DateTime, RequestNo } from './common.js';
import * as consoleQueries from './console.js';
import { endpoints } from './endpoints.js';
import { CHARS, describeError, RULE } from './error-text.js';
import { MiniProgramPath } from './objects/product-coupon.js';
import { useUserCoupon } from './user-coupons.js';
import { useBody } from './user-side-examples.test-helper.js';

TypeRegistry.Set('Even', (_schema, value) => typeof value === 'number' && value % 2 === 0);

const T = ValueErrorType;
const twoNumbers = [Type.Object({ a: Type.Number() }), Type.Object({ b: Type.Number() })];

/** For every TypeBox error kind: a schema, a value that breaks it that way, the rule and the words expected. */
const CASES: [ValueErrorType, TSchema, unknown, string, string][] = [
  [T.ArrayContains, Type.Array(Type.Number(), { contains: Type.Literal(1) }), [2], 'array', '没有符合要求的元素'],
  [
    T.ArrayMaxContains,
    Type.Array(Type.Number(), { contains: Type.Literal(1), maxContains: 1 }),
    [1, 1],
    'array',
    '多于 1 个',
  ],
  [T.ArrayMaxItems, Type.Array(Type.Number(), { maxItems: 1 }), [1, 2], 'array', '元素个数 2，大于最大值 1'],
  [
    T.ArrayMinContains,
    Type.Array(Type.Number(), { contains: Type.Literal(1), minContains: 2 }),
    [1],
    'array',
    '少于 2 个',
  ],
  [T.ArrayMinItems, Type.Array(Type.Number(), { minItems: 1 }), [], 'array', '元素个数 0，小于最小值 1'],
  [T.ArrayUniqueItems, Type.Array(Type.Number(), { uniqueItems: true }), [1, 1], 'array', '元素不能重复'],
  [T.Array, Type.Array(Type.Number()), 'x', 'type', '应为数组，实际为字符串'],
  [T.AsyncIterator, Type.AsyncIterator(Type.Any()), 1, 'type', '应为异步迭代器'],
  [T.BigIntExclusiveMaximum, Type.BigInt({ exclusiveMaximum: 5n }), 5n, 'number', '值必须小于 5'],
  [T.BigIntExclusiveMinimum, Type.BigInt({ exclusiveMinimum: 5n }), 5n, 'number', '值必须大于 5'],
  [T.BigIntMaximum, Type.BigInt({ maximum: 5n }), 6n, 'number', '值高于最大值 5'],
  [T.BigIntMinimum, Type.BigInt({ minimum: 5n }), 4n, 'number', '值低于最小值 5'],
  [T.BigIntMultipleOf, Type.BigInt({ multipleOf: 5n }), 6n, 'number', '值必须是 5 的整数倍'],
  [T.BigInt, Type.BigInt(), 1, 'type', '应为大整数，实际为整数'],
  [T.Boolean, Type.Boolean(), 'true', 'type', '应为布尔值，实际为字符串'],
  [
    T.DateExclusiveMaximumTimestamp,
    Type.Date({ exclusiveMaximumTimestamp: 5 }),
    new Date(5),
    'value',
    '时间必须早于 5',
  ],
  [
    T.DateExclusiveMinimumTimestamp,
    Type.Date({ exclusiveMinimumTimestamp: 5 }),
    new Date(5),
    'value',
    '时间必须晚于 5',
  ],
  [T.DateMaximumTimestamp, Type.Date({ maximumTimestamp: 5 }), new Date(6), 'value', '时间晚于最晚时间 5'],
  [T.DateMinimumTimestamp, Type.Date({ minimumTimestamp: 5 }), new Date(4), 'value', '时间早于最早时间 5'],
  [T.DateMultipleOfTimestamp, Type.Date({ multipleOfTimestamp: 5 }), new Date(6), 'value', '是 5 的整数倍'],
  [T.Date, Type.Date(), 1, 'type', '应为日期'],
  [T.Function, Type.Function([], Type.Any()), 1, 'type', '应为函数'],
  [T.IntegerExclusiveMaximum, Type.Integer({ exclusiveMaximum: 5 }), 5, 'number', '值必须小于 5'],
  [T.IntegerExclusiveMinimum, Type.Integer({ exclusiveMinimum: 5 }), 5, 'number', '值必须大于 5'],
  [T.IntegerMaximum, Type.Integer({ maximum: 99 }), 100, 'number', '值高于最大值 99'],
  [T.IntegerMinimum, Type.Integer({ minimum: 1 }), 0, 'number', '值低于最小值 1'],
  [T.IntegerMultipleOf, Type.Integer({ multipleOf: 3600 }), 3601, 'number', '值必须是 3600 的整数倍'],
  [T.Integer, Type.Integer(), 1.5, 'type', '应为整数，实际为数字'],
  [
    T.IntersectUnevaluatedProperties,
    Type.Intersect(twoNumbers, { unevaluatedProperties: false }),
    { a: 1, b: 1, c: 1 },
    'object',
    '未在API文档中定义',
  ],
  [T.Intersect, Type.Intersect(twoNumbers), { a: 1 }, 'value', '没有同时满足各项要求'],
  [T.Iterator, Type.Iterator(Type.Any()), 1, 'type', '应为迭代器'],
  [T.Kind, { [Kind]: 'Even' } as TSchema, 1, 'type', '类型 Even 无法校验'],
  [T.Literal, Type.Literal('MEMBER'), 'VIP', 'enum', '取值 “VIP” 不是 “MEMBER”'],
  [T.Never, Type.Never(), 1, 'value', '此字段不可填写'],
  [T.Not, Type.Not(Type.String()), 'x', 'value', '不可取值 “x”'],
  [T.Null, Type.Null(), 1, 'type', '应为null，实际为整数'],
  [T.NumberExclusiveMaximum, Type.Number({ exclusiveMaximum: 5 }), 5, 'number', '值必须小于 5'],
  [T.NumberExclusiveMinimum, Type.Number({ exclusiveMinimum: 0 }), 0, 'number', '值必须大于 0'],
  [T.NumberMaximum, Type.Number({ maximum: 5 }), 6, 'number', '值高于最大值 5'],
  [T.NumberMinimum, Type.Number({ minimum: 5 }), 4, 'number', '值低于最小值 5'],
  [T.NumberMultipleOf, Type.Number({ multipleOf: 2 }), 3, 'number', '值必须是 2 的整数倍'],
  [T.Number, Type.Number(), '1', 'type', '应为数字，实际为字符串'],
  [T.ObjectAdditionalProperties, Body({}), { x: 1 }, 'object', '未在API文档中定义'],
  [
    T.ObjectMaxProperties,
    Type.Record(Type.String(), Type.Number(), { maxProperties: 1 }),
    { a: 1, b: 2 },
    'object',
    '属性个数 2，大于最大值 1',
  ],
  [
    T.ObjectMinProperties,
    Type.Record(Type.String(), Type.Number(), { minProperties: 1 }),
    {},
    'object',
    '属性个数 0，小于最小值 1',
  ],
  [T.ObjectRequiredProperty, Type.Object({ appid: Type.String() }), {}, 'required', '此字段为必填项'],
  [T.Object, Type.Object({}), [], 'type', '应为对象，实际为数组'],
  [T.Promise, Type.Promise(Type.Any()), 1, 'type', '应为Promise'],
  [T.RegExp, Type.RegExp(/^a$/), 'b', 'string', '不符合规定的字符组成'],
  [T.StringFormatUnknown, Type.String({ format: 'no-such-format' }), 'x', 'format', '格式 no-such-format 无法校验'],
  [T.StringFormat, DateTime, '2025-08-03 12:00:00', 'format', '不是 RFC 3339 格式的时间'],
  [T.StringMaxLength, RequestNo(), 'A'.repeat(41), 'string', '字符数 41，大于最大值 40'],
  [T.StringMinLength, RequestNo(), 'A1', 'string', '字符数 2，小于最小值 6'],
  [T.StringPattern, RequestNo(), 'USE 0001', 'string', '只能由数字、大小写字母、下划线 _、短横线 - 组成'],
  [T.String, Type.String(), 1, 'type', '应为字符串，实际为整数'],
  [T.Symbol, Type.Symbol(), 1, 'type', '应为Symbol'],
  [T.TupleLength, Type.Tuple([Type.Number()]), [1, 2], 'array', '元素个数 2，应为 1'],
  [T.Tuple, Type.Tuple([Type.Number()]), 1, 'type', '应为数组，实际为整数'],
  [
    T.Uint8ArrayMaxByteLength,
    Type.Uint8Array({ maxByteLength: 1 }),
    new Uint8Array(2),
    'value',
    '字节数 2，大于最大值 1',
  ],
  [
    T.Uint8ArrayMinByteLength,
    Type.Uint8Array({ minByteLength: 2 }),
    new Uint8Array(1),
    'value',
    '字节数 1，小于最小值 2',
  ],
  [T.Uint8Array, Type.Uint8Array(), 1, 'type', '应为字节数组'],
  [T.Undefined, Type.Undefined(), 1, 'type', '应为不填写'],
  [
    T.Union,
    Type.Union([Type.Literal('NORMAL'), Type.Literal('DISCOUNT')]),
    'FREE',
    'enum',
    '取值 “FREE” 不在可选取值 “NORMAL”、“DISCOUNT” 之中',
  ],
  [T.Void, Type.Void(), 1, 'type', '应为不填写'],
];

/** What no message may show: TypeBox's English, a regular expression, an escape. */
const RAW = /Expected|union|\^|\$|\(\?|\\u|\[\\|undefined/;

describe('validation messages in words (D-77)', () => {
  it('the table covers every kind of TypeBox error', () => {
    const kinds = Object.values(ValueErrorType).filter((v): v is ValueErrorType => typeof v === 'number');
    expect(CASES.map(([kind]) => kind).sort((a, b) => a - b)).toEqual(kinds.sort((a, b) => a - b));
  });

  it.each(CASES)('kind %i: says which rule broke, in words', (kind, schema, value, rule, words) => {
    const error = [...Errors(schema, value)].find((e) => e.type === kind);
    expect(error, `no error of kind ${kind}`).toBeDefined();
    const problem = describeError(error!);
    expect(problem.rule).toBe(rule);
    expect(problem.issue).toContain(words);
    expect(problem.issue).not.toMatch(RAW);
  });

  it('a PARAM_ERROR names the source, the field and the rule in WeChat’s wording', () => {
    const message = (schema: TSchema, value: unknown) => rejected(Body({ f: schema }), { f: value }).message;
    expect(rejected(Body({ appid: Type.String() }), {}).message).toBe(
      '输入源“/body/appid”映射到字段“appid”必填性规则校验失败，此字段为必填项',
    );
    expect(message(RequestNo(), 'A'.repeat(41))).toBe(
      '输入源“/body/f”映射到字段“f”字符串规则校验失败，字符数 41，大于最大值 40',
    );
    expect(message(Type.Integer({ minimum: 1, maximum: 99 }), 100)).toBe(
      '输入源“/body/f”映射到字段“f”数值规则校验失败，值高于最大值 99',
    );
    expect(message(Type.Union([Type.Literal('ALL'), Type.Literal('SINGLE')]), 'NONE')).toBe(
      '输入源“/body/f”映射到字段“f”枚举规则校验失败，取值 “NONE” 不在可选取值 “ALL”、“SINGLE” 之中',
    );
    expect(message(DateTime, 'tomorrow')).toBe(
      '输入源“/body/f”映射到字段“f”格式规则校验失败，不是 RFC 3339 格式的时间（如 2025-01-01T08:00:00+08:00）',
    );
    expect(message(Type.String(), 7)).toBe('输入源“/body/f”映射到字段“f”类型规则校验失败，应为字符串，实际为整数');
  });

  it('a text limit counts Unicode characters, whichever of its checks fails', () => {
    const name = Body({ name: Chars(3, 1) });
    expect(rejected(name, { name: '' }).message).toContain('字符数 0，小于最小值 1');
    expect(rejected(name, { name: '😀😀😀😀' }).message).toContain('字符数 4，大于最大值 3');
    expect(rejected(name, { name: 'abcdefg' }).message).toContain('字符数 7，大于最大值 3');
    expect(rejected(Body({ path: MiniProgramPath }), { path: 'https://x.example/' }).message).toContain(
      '不是小程序页面路径',
    );
  });

  it('names the field inside objects and arrays of a real request', () => {
    const body = { ...useBody, associated_order_info: { transaction_id: 'T'.repeat(33) } };
    const error = rejected(useUserCoupon.body, body);
    expect(error.message).toBe(
      '输入源“/body/associated_order_info/transaction_id”映射到字段“transaction_id”字符串规则校验失败，字符数 33，大于最大值 32',
    );
    expect(error.detail).toMatchObject({ location: 'body', field: '/associated_order_info/transaction_id' });
  });

  it('every pattern of every endpoint and admin body carries its words', () => {
    const bare: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (typeof schema.pattern === 'string' && schema[RULE] === undefined && schema[CHARS] === undefined)
        bare.push(at);
      for (const [key, child] of Object.entries(schema)) walk(child, `${at}/${key}`);
    };
    walk(endpoints, 'endpoints');
    walk(admin, 'admin');
    walk(consoleQueries, 'console');
    walk(FaultBody, 'faults');
    expect(bare).toEqual([]);
  });

  it('a union of other shapes lists its choices in words', () => {
    const error = rejected(FaultBody, { api: 'useUserCoupon', count: 1, respond: 'later' });
    expect(error.message).toContain('“drop”、字符串（形如 delay:<毫秒数>，最多 5 位数字）');
    expect(error.message).not.toMatch(RAW);
  });
});

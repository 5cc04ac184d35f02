import type { Static, TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { paramError } from '../domain/errors.js';
import './formats.js';
import { findUnstorable } from './unstorable.js';

export type Location = 'body' | 'query' | 'uri_template';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checker<T extends TSchema>(schema: T): TypeCheck<T> {
  let c = compiled.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    compiled.set(schema, c);
  }
  return c as TypeCheck<T>;
}

/**
 * Checks a value against its schema and returns it typed, or throws WeChat's `PARAM_ERROR`:
 * unstorable text first (D-40), then schema failures (with the field path), unknown properties last (D-4).
 */
export function validate<T extends TSchema>(schema: T, value: unknown, location: Location): Static<T> {
  refuseUnstorable(value, location);
  const check = checker(schema);
  if (check.Check(value)) return value as Static<T>;
  const unknown: string[] = [];
  for (const error of check.Errors(value)) {
    if (error.type === ValueErrorType.ObjectAdditionalProperties) {
      unknown.push(`/${location}${error.path}`);
      continue;
    }
    const field = error.path || '/';
    throw paramError(`输入源“/${location}${error.path}”映射到字段“${fieldName(field)}”规则校验失败，${error.message}`, {
      location,
      field,
      value: error.value,
      issue: error.message,
    });
  }
  throw paramError('请求中含有未在API文档中定义的参数', { location: null, value: unknown });
}

const UNSTORABLE_ISSUE = '含有 U+0000 或不成对的 UTF-16 代理项';

function refuseUnstorable(value: unknown, location: Location): void {
  const field = findUnstorable(value);
  if (field === null) return;
  throw paramError(`输入源“/${location}${field}”映射到字段“${fieldName(field)}”规则校验失败，${UNSTORABLE_ISSUE}`, {
    location,
    field,
    issue: UNSTORABLE_ISSUE,
  });
}

function fieldName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.findLast((p) => !/^\d+$/.test(p)) ?? path;
}

/** Compile every schema of a route up front so the first request does not pay for it. */
export function precompile(...schemas: (TSchema | undefined)[]): void {
  for (const s of schemas) if (s) checker(s);
}

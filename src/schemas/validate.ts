import type { Static, TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { paramError } from '../domain/errors.js';
import { type FieldLocation, fieldError } from '../domain/field-error.js';
import { describeError } from './error-text.js';
import './formats.js';
import { findUnstorable } from './unstorable.js';

export type Location = FieldLocation;

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
 * unstorable text first (D-40), then schema failures in words (with the field path, D-77), unknown properties last (D-4).
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
    const { rule, issue } = describeError(error);
    throw fieldError(location, error.path || '/', rule, issue, error.value);
  }
  throw paramError('请求中含有未在API文档中定义的参数', { location: null, value: unknown });
}

const UNSTORABLE_ISSUE = '含有 U+0000 或不成对的 UTF-16 代理项';

function refuseUnstorable(value: unknown, location: Location): void {
  const field = findUnstorable(value);
  if (field !== null) throw fieldError(location, field, 'value', UNSTORABLE_ISSUE);
}

/** Compile every schema of a route up front so the first request does not pay for it. */
export function precompile(...schemas: (TSchema | undefined)[]): void {
  for (const s of schemas) if (s) checker(s);
}

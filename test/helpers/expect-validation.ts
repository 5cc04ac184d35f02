import type { TSchema } from '@sinclair/typebox';
import { expect } from 'vitest';
import { CouponError } from '../../src/domain/errors.js';
import { type Location, validate } from '../../src/schemas/validate.js';

/** The value passes the schema. */
export const ok = (schema: TSchema | undefined, value: unknown, location: Location = 'body') =>
  expect(() => validate(schema!, value, location)).not.toThrow();

/** The value fails the schema with PARAM_ERROR; returns the error for further checks. */
export function rejected(schema: TSchema | undefined, value: unknown, location: Location = 'body'): CouponError {
  try {
    validate(schema!, value, location);
  } catch (e) {
    expect(e).toBeInstanceOf(CouponError);
    expect((e as CouponError).code).toBe('PARAM_ERROR');
    return e as CouponError;
  }
  throw new Error('expected PARAM_ERROR');
}

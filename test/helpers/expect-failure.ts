import { expect } from 'vitest';
import { CouponError } from '../../src/domain/errors.js';

/** Test helper: runs `run`, expects a `CouponError` with `code` naming `field` in its detail and message. */
export function expectFailure(run: () => unknown, code: string, field?: string): CouponError {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof CouponError)) throw error ?? new Error('expected a CouponError');
  expect(error.code).toBe(code);
  if (field !== undefined) {
    expect(error.detail?.field).toBe(field);
    expect(error.message).toContain(field.split('/').findLast((p) => p !== '' && !/^\d+$/.test(p)));
  }
  return error;
}

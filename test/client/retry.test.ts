import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus } from '../../packages/client/src/retry.js';

describe('retry policy', () => {
  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [501, false],
    [400, false],
    [401, false],
    [404, false],
    [202, false],
  ])('status %i retryable: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });

  it('doubles from initialMs, capped at maxMs, with half of each delay random', () => {
    const delay = { initialMs: 100, maxMs: 1000 };
    for (let i = 0; i < 200; i++) {
      for (const [retry, ceiling] of [
        [0, 100],
        [1, 200],
        [3, 800],
        [4, 1000],
        [10, 1000],
      ] as const) {
        const ms = backoffMs(retry, delay);
        expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
        expect(ms).toBeLessThanOrEqual(ceiling);
      }
    }
    expect(new Set(Array.from({ length: 20 }, () => backoffMs(2, delay))).size).toBeGreaterThan(1);
  });

  it('follows Retry-After seconds within maxMs, and ignores dates or garbage', () => {
    expect(backoffMs(0, { maxMs: 5000 }, '2')).toBe(2000);
    expect(backoffMs(0, { maxMs: 5000 }, '60')).toBe(5000);
    expect(backoffMs(0, { initialMs: 10, maxMs: 5000 }, 'Wed, 21 Oct 2015 07:28:00 GMT')).toBeLessThanOrEqual(10);
  });
});

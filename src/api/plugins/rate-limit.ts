import { rateLimited } from '../../domain/errors.js';
import type { RateLimits } from '../context.js';

/** Per-mchid, per-class fixed one-second windows (D-19). Limits apply per server process. */
export class RateLimiter {
  private window = 0;
  private readonly counts = new Map<string, number>();

  constructor(private readonly limits: RateLimits) {}

  check(mchid: string, rate: keyof RateLimits, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.window) {
      this.window = second;
      this.counts.clear();
    }
    const key = `${rate}:${mchid}`;
    const used = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, used);
    if (used > this.limits[rate]) throw rateLimited();
  }
}

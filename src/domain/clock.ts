/** Time is injected everywhere, so tests and the sandbox test clock control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that follows real time until frozen or shifted; drives the sandbox controls. */
/** What a test clock is set to: an offset from real time, or a frozen instant (epoch milliseconds). */
export interface TestClockState {
  offsetMs: number;
  frozenAt: number | null;
}

export class TestClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }
  get frozen(): boolean {
    return this.frozenAt !== null;
  }
  freeze(at?: Date): void {
    this.frozenAt = (at ?? this.now()).getTime();
  }
  advance(seconds: number): void {
    if (this.frozenAt !== null) this.frozenAt += seconds * 1000;
    else this.offsetMs += seconds * 1000;
  }
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
  get state(): TestClockState {
    return { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }
  restore(state: TestClockState): void {
    this.offsetMs = state.offsetMs;
    this.frozenAt = state.frozenAt;
  }
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The natural day in Asia/Shanghai (UTC+8, no DST) as `YYYY-MM-DD` (D-13). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00+08:00 of the Shanghai day `days` after the one containing `at`. */
export function shanghaiMidnight(at: Date, days = 0): Date {
  const day = shanghaiDay(at);
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + days * 86_400_000);
}

/** RFC 3339 with the +08:00 offset WeChat Pay uses, second precision. */
export function toRfc3339(at: Date): string {
  return `${new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * A caller's RFC 3339 time as coupond writes every time (D-75): whole seconds at +08:00, a fraction truncated.
 * Only for text the schema already accepted as `date-time`.
 */
export function wholeSecondShanghai(text: string): string {
  const at = parseRfc3339(text);
  if (at === null) throw new Error(`not an RFC 3339 time: ${text}`);
  return toRfc3339(at);
}

/** Strict RFC 3339 date-time with a mandatory offset; minutes-only form (`2025-01-01T00:00+08:00`) accepted. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseRfc3339(text: string): Date | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  const ms = Date.parse(text.replace(/T(\d{2}):(\d{2})([Z+-])/, 'T$1:$2:00$3'));
  if (Number.isNaN(ms)) return null;
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCDate() !== Number(d)) return null;
  return new Date(ms);
}

export interface RetryDelay {
  /** First delay; doubles with every retry. Default 500 ms. */
  initialMs?: number;
  /** Upper bound of one delay. Default 8000 ms. */
  maxMs?: number;
}

/** 429 (rate limited) and 5xx (SYSTEM_ERROR, overload) are answered before any effect, or are safe to repeat (D-5). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many clients spread out. */
export function backoffMs(retry: number, delay: RetryDelay = {}, retryAfter?: string | null): number {
  const initial = delay.initialMs ?? 500;
  const max = delay.maxMs ?? 8000;
  const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, max);
  const ceiling = Math.min(max, initial * 2 ** retry);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

import { shanghaiDay, toRfc3339 } from '../../domain/clock.js';
import { Messages, notFound } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SERIES_LENGTH = { hour: 48, day: 30 } as const;
export type Granularity = keyof typeof SERIES_LENGTH;

export interface IssuanceSeries {
  granularity: Granularity;
  /** Start of each bucket, RFC 3339 (+08:00), oldest first; the last bucket holds now. */
  buckets: string[];
  counts: number[];
}

/** Start of the hour holding `at` (Shanghai has whole-hour offset, so UTC hours line up). */
const hourStart = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** Coupons of a product coupon issued per hour (last 48 h) or per Shanghai day (last 30 days), zeros included (D-61). */
export async function issuanceSeries(
  deps: ServiceDeps,
  productCouponId: string,
  granularity: Granularity,
): Promise<IssuanceSeries> {
  if (!(await deps.store.getProductCoupon(productCouponId))) throw notFound(Messages.productCouponNotFound);
  const now = deps.clock.now();
  return granularity === 'hour' ? perHour(deps, productCouponId, now) : perDay(deps, productCouponId, now);
}

async function perHour(deps: ServiceDeps, id: string, now: Date): Promise<IssuanceSeries> {
  const last = hourStart(now).getTime();
  const hours = Array.from({ length: SERIES_LENGTH.hour }, (_, i) =>
    toRfc3339(new Date(last - (SERIES_LENGTH.hour - 1 - i) * HOUR_MS)),
  );
  const key = (rfc3339: string) => rfc3339.slice(0, 13);
  const rows = await deps.store.countIssuedPerHour(id, key(hours[0]!), key(hours.at(-1)!));
  const byHour = new Map(rows.map((r) => [r.hour, r.count]));
  return { granularity: 'hour', buckets: hours, counts: hours.map((h) => byHour.get(key(h)) ?? 0) };
}

async function perDay(deps: ServiceDeps, id: string, now: Date): Promise<IssuanceSeries> {
  const days = Array.from({ length: SERIES_LENGTH.day }, (_, i) =>
    shanghaiDay(new Date(now.getTime() - (SERIES_LENGTH.day - 1 - i) * DAY_MS)),
  );
  const rows = await deps.store.countIssuedPerDay(id, days[0]!, days.at(-1)!);
  const byDay = new Map(rows.map((r) => [r.day, r.count]));
  return {
    granularity: 'day',
    buckets: days.map((d) => `${d}T00:00:00+08:00`),
    counts: days.map((d) => byDay.get(d) ?? 0),
  };
}

import type { ComponentCoupon, ComponentRound } from '../../schemas/component.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** 1500 → "15", 1550 → "15.5", 1505 → "15.05". */
export function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** percent_off 20 → "8折", 15 → "8.5折" (WeChat: 30 = 30 % off = 7折). */
export function zhe(percentOff: number): string {
  return `${(100 - percentOff) / 10}折`;
}

/** One round's rule as WeChat words it: 满100减15 / 无门槛减5 / 满50打8折 / 8折 / ¥1兑换. */
export function roundRule(type: ComponentCoupon['type'], round: ComponentRound): string {
  const threshold = round.threshold ?? 0;
  const above = threshold > 0 ? `满${yuan(threshold)}` : '';
  switch (type) {
    case 'NORMAL':
      return `${above || '无门槛'}减${yuan(round.discount_amount ?? 0)}`;
    case 'DISCOUNT':
      return above ? `${above}打${zhe(round.percent_off ?? 0)}` : zhe(round.percent_off ?? 0);
    case 'EXCHANGE':
      return `${above ? `${above} ` : ''}¥${yuan(round.exchange_price ?? 0)}兑换`;
  }
}

interface ShanghaiTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Wall-clock fields in Asia/Shanghai (UTC+8, no daylight saving), or null for an unparsable time. */
function shanghai(iso: string): ShanghaiTime | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dateText(iso: string): string | null {
  const t = shanghai(iso);
  return t && `${t.year}.${pad(t.month)}.${pad(t.day)}`;
}

export function validityText(begin?: string, end?: string): string | null {
  const from = begin ? dateText(begin) : null;
  const to = end ? dateText(end) : null;
  if (from && to) return `有效期 ${from} - ${to}`;
  if (to) return `有效期至 ${to}`;
  if (from) return `${from} 起可用`;
  return null;
}

/** When a daily budget refills: "8月2日 00:00 恢复领取". */
export function resetText(iso?: string): string {
  const t = iso ? shanghai(iso) : null;
  if (!t) return '明日 00:00 恢复领取';
  return `${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)} 恢复领取`;
}

/** A bundle has 3–15 rounds, so a coupon of one round is a single coupon (单券). */
export function roundsTitle(coupon: ComponentCoupon): string {
  if (coupon.rounds.length === 1) return '单券 · 可使用1次';
  const count = `共${coupon.rounds.length}次优惠`;
  return coupon.interval_days > 0 ? `${count} · 每次使用后间隔${coupon.interval_days}天` : count;
}

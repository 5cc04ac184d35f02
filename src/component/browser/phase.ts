import type { ClaimResponse, ClaimResult, ComponentCoupon, TokenPreview } from '../../schemas/component.js';
import { resetText } from './format.js';

type Blocked = 'SOLD_OUT' | 'DAILY_SOLD_OUT' | 'USER_LIMIT_REACHED' | 'NOT_AVAILABLE';

/** Everything the element can be showing. */
export type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; retry: boolean }
  | { kind: 'ready'; coupon: ComponentCoupon }
  | { kind: 'claiming'; coupon: ComponentCoupon }
  | { kind: 'held'; coupon: ComponentCoupon; result: 'RECEIVED' | 'ALREADY_RECEIVED' }
  | { kind: 'blocked'; coupon: ComponentCoupon; reason: Blocked; resetsAt?: string };

type Action = 'claim' | 'use' | 'retry';

export interface FooterView {
  badge: string;
  note: string;
  /** `action: null` renders a disabled button; an empty label hides it while keeping its space. */
  button: { label: string; action: Action | null; busy: boolean };
}

/** The value of the host's `data-state` attribute: a preview state, a D-9 result, or a transient phase. */
export function stateName(phase: Phase): string {
  switch (phase.kind) {
    case 'loading':
      return 'LOADING';
    case 'failed':
      return 'FAILED';
    case 'ready':
      return 'READY';
    case 'claiming':
      return 'CLAIMING';
    case 'held':
      return phase.result;
    case 'blocked':
      return phase.reason;
  }
}

const BLOCKED_LABEL: Record<Blocked, string> = {
  SOLD_OUT: '商品已抢光',
  DAILY_SOLD_OUT: '今日已抢光',
  USER_LIMIT_REACHED: '已达领取上限',
  NOT_AVAILABLE: '活动未开始或已结束',
};

export function footerView(phase: Phase): FooterView {
  const button = (label: string, action: Action | null = null, busy = false) => ({ label, action, busy });
  switch (phase.kind) {
    case 'loading':
      return { badge: '', note: '', button: button('加载中…', null, true) };
    case 'failed':
      return { badge: '', note: '', button: phase.retry ? button('重新加载', 'retry') : button('') };
    case 'ready':
      return { badge: '待领取', note: '', button: button('立即领取', 'claim') };
    case 'claiming':
      return { badge: '待领取', note: '', button: button('领取中…', null, true) };
    case 'held':
      return phase.result === 'RECEIVED'
        ? { badge: '领取成功', note: '领取成功，可前往使用', button: button('去使用', 'use') }
        : { badge: '已领取', note: '你已领取过该商品券', button: button('去使用', 'use') };
    case 'blocked':
      return {
        badge: '',
        note: phase.reason === 'DAILY_SOLD_OUT' ? resetText(phase.resetsAt) : '',
        button: button(BLOCKED_LABEL[phase.reason]),
      };
  }
}

function fromOutcome(
  outcome: ClaimResult | 'READY',
  coupon: ComponentCoupon | undefined,
  resetsAt: string | undefined,
): Phase {
  if (outcome === 'TOKEN_EXPIRED' || outcome === 'TOKEN_INVALID' || !coupon) return { kind: 'failed', retry: false };
  switch (outcome) {
    case 'READY':
      return { kind: 'ready', coupon };
    case 'RECEIVED':
    case 'ALREADY_RECEIVED':
      return { kind: 'held', coupon, result: outcome };
    case 'DAILY_SOLD_OUT':
      return resetsAt
        ? { kind: 'blocked', coupon, reason: outcome, resetsAt }
        : { kind: 'blocked', coupon, reason: outcome };
    default:
      return { kind: 'blocked', coupon, reason: outcome };
  }
}

export const phaseFromPreview = (p: TokenPreview): Phase => fromOutcome(p.state, p.coupon, p.daily_resets_at);

/** A claim answer keeps showing the coupon the preview delivered. */
export const phaseFromClaim = (c: ClaimResponse, coupon: ComponentCoupon): Phase =>
  fromOutcome(c.result, coupon, c.daily_resets_at);

import { describe, expect, it } from 'vitest';
import { dateText, resetText, roundRule, validityText, yuan, zhe } from '../../src/component/browser/format.js';
import { footerView, phaseFromClaim, phaseFromPreview, stateName } from '../../src/component/browser/phase.js';
import type { ComponentCoupon } from '../../src/schemas/component.js';

describe('rule wording', () => {
  it('prints fen as yuan without trailing zeros', () => {
    expect([0, 1, 10, 100, 150, 1505, 1550, 10000].map(yuan)).toEqual([
      '0',
      '0.01',
      '0.1',
      '1',
      '1.5',
      '15.05',
      '15.5',
      '100',
    ]);
  });

  it('turns percent_off into 折 (30 = 7折)', () => {
    expect([20, 15, 30, 1, 99].map(zhe)).toEqual(['8折', '8.5折', '7折', '9.9折', '0.1折']);
  });

  it('words each round as WeChat does', () => {
    expect(roundRule('NORMAL', { index: 0, threshold: 10000, discount_amount: 1500 })).toBe('满100减15');
    expect(roundRule('NORMAL', { index: 0, threshold: 0, discount_amount: 500 })).toBe('无门槛减5');
    expect(roundRule('DISCOUNT', { index: 0, threshold: 10000, percent_off: 20 })).toBe('满100打8折');
    expect(roundRule('DISCOUNT', { index: 0, percent_off: 20 })).toBe('8折');
    expect(roundRule('EXCHANGE', { index: 0, threshold: 0, exchange_price: 100 })).toBe('¥1兑换');
    expect(roundRule('EXCHANGE', { index: 0, threshold: 5000, exchange_price: 0 })).toBe('满50 ¥0兑换');
  });
});

describe('times in Asia/Shanghai', () => {
  it('formats dates on the +08:00 calendar whatever the offset given', () => {
    expect(dateText('2025-08-31T23:59:59+08:00')).toBe('2025.08.31');
    expect(dateText('2025-08-31T16:00:00Z')).toBe('2025.09.01');
    expect(dateText('nonsense')).toBeNull();
  });

  it('words the validity period', () => {
    expect(validityText('2025-08-01T00:00:00+08:00', '2025-08-31T23:59:59+08:00')).toBe(
      '有效期 2025.08.01 - 2025.08.31',
    );
    expect(validityText(undefined, '2025-08-31T23:59:59+08:00')).toBe('有效期至 2025.08.31');
    expect(validityText('2025-08-01T00:00:00+08:00')).toBe('2025.08.01 起可用');
    expect(validityText()).toBeNull();
  });

  it('says when a daily budget refills', () => {
    expect(resetText('2025-08-01T16:00:00Z')).toBe('8月2日 00:00 恢复领取');
    expect(resetText()).toBe('明日 00:00 恢复领取');
  });
});

describe('states', () => {
  const coupon: ComponentCoupon = {
    name: '测试券',
    image_url: 'http://x/p.png',
    background_url: 'http://x/b.png',
    type: 'NORMAL',
    rounds: [{ index: 0, threshold: 0, discount_amount: 100 }],
    interval_days: 0,
    brand_id: 'b',
  };

  it.each([
    ['READY', 'READY', '立即领取', true],
    ['ALREADY_RECEIVED', 'ALREADY_RECEIVED', '去使用', true],
    ['SOLD_OUT', 'SOLD_OUT', '商品已抢光', false],
    ['DAILY_SOLD_OUT', 'DAILY_SOLD_OUT', '今日已抢光', false],
    ['USER_LIMIT_REACHED', 'USER_LIMIT_REACHED', '已达领取上限', false],
    ['NOT_AVAILABLE', 'NOT_AVAILABLE', '活动未开始或已结束', false],
    ['TOKEN_EXPIRED', 'FAILED', '', false],
    ['TOKEN_INVALID', 'FAILED', '', false],
  ] as const)('preview %s shows %s with button %s', (state, shown, label, enabled) => {
    const phase = phaseFromPreview({ state, coupon });
    expect(stateName(phase)).toBe(shown);
    const view = footerView(phase);
    expect(view.button.label).toBe(label);
    expect(view.button.action !== null).toBe(enabled);
  });

  it('treats a preview without a coupon as a failure', () => {
    expect(stateName(phaseFromPreview({ state: 'READY' }))).toBe('FAILED');
  });

  it('maps claim results, keeping the previewed coupon', () => {
    const received = phaseFromClaim({ result: 'RECEIVED', user_coupon_bundle_id: 'U', coupon_code: 'C' }, coupon);
    expect(received).toEqual({ kind: 'held', coupon, result: 'RECEIVED' });
    expect(footerView(received).badge).toBe('领取成功');
    expect(footerView(phaseFromClaim({ result: 'ALREADY_RECEIVED' }, coupon)).badge).toBe('已领取');
    const daily = phaseFromClaim({ result: 'DAILY_SOLD_OUT', daily_resets_at: '2025-08-02T00:00:00+08:00' }, coupon);
    expect(footerView(daily).note).toBe('8月2日 00:00 恢复领取');
    expect(stateName(phaseFromClaim({ result: 'TOKEN_EXPIRED' }, coupon))).toBe('FAILED');
  });
});

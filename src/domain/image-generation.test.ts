import { describe, expect, it } from 'vitest';
import { type CombineImageInput, offerText } from './image-generation.js';

const base = { scope: 'ALL', usage_mode: 'SINGLE' } as const;
const offer = (c: Omit<CombineImageInput, 'scope' | 'usage_mode'> & Partial<CombineImageInput>) =>
  offerText({ ...base, ...c });

describe('what a generated head image says (D-94)', () => {
  it('states amounts in yuan without trailing zeros', () => {
    expect(offer({ type: 'NORMAL', normal_coupon: { threshold: 10000, discount_amount: 2000 } })).toEqual({
      headline: '20',
      unit: '元',
      condition: '满100元可用',
      scope: '全场通用',
    });
    expect(offer({ type: 'NORMAL', normal_coupon: { threshold: 1, discount_amount: 1990 } })).toMatchObject({
      headline: '19.9',
      condition: '满0.01元可用',
    });
    expect(offer({ type: 'NORMAL', normal_coupon: { threshold: 0, discount_amount: 5 } })).toMatchObject({
      headline: '0.05',
      condition: '无门槛',
    });
  });

  it('states a discount as the 折 paid, and an exchange as its price', () => {
    const zhe = (percent_off: number) => offer({ type: 'DISCOUNT', discount_coupon: { threshold: 0, percent_off } });
    expect([30, 15, 1, 99, 50].map((p) => zhe(p).headline)).toEqual(['7', '8.5', '9.9', '0.1', '5']);
    expect(zhe(30).unit).toBe('折');
    const exchange = offer({
      scope: 'SINGLE',
      type: 'EXCHANGE',
      exchange_coupon: { threshold: 5000, exchange_price: 0 },
    });
    expect(exchange).toEqual({ headline: '0', unit: '元兑换', condition: '满50元可用', scope: '指定商品可用' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Seeded, seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { claim, PRESEND, preSendToken, presendBody } from './helpers.js';

let c: Running;
let s: Seeded;
beforeAll(async () => {
  c = await startCoupond();
  s = await seedBundle(c, { maxCount: 100, maxCountPerUser: 1 });
});
afterAll(() => c.close());

async function expectError(res: Response, status: number, code: string, message?: RegExp) {
  const body = await res.json();
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  if (message) expect(body.message).toMatch(message);
  expect(res.headers.get('wechatpay-signature')).toBeTruthy();
  return body;
}

describe('pre-send error table (向用户预发放商品券批次组, D-4)', () => {
  it.each([
    ['send_request_no shorter than 6', { send_request_no: 'ABCDE' }, '/send_request_no'],
    ['send_request_no longer than 40', { send_request_no: 'A'.repeat(41) }, '/send_request_no'],
    ['send_request_no with a forbidden character', { send_request_no: 'ABC#12345' }, '/send_request_no'],
    ['attach over 150 characters', { attach: '券'.repeat(151) }, '/attach'],
    ['a wrong type', { product_coupon_id: 1000 }, '/product_coupon_id'],
  ])('400 PARAM_ERROR: %s', async (_name, patch, field) => {
    const body = await expectError(
      await c.send('POST', PRESEND('o-err'), { ...presendBody(c, s, 'ERR_00001'), ...patch }),
      400,
      'PARAM_ERROR',
    );
    expect(body.detail).toMatchObject({ location: 'body', field });
  });

  it('400 PARAM_ERROR: a missing required field, and an unknown one', async () => {
    const { appid: _omit, ...missing } = presendBody(c, s, 'ERR_00002');
    await expectError(await c.send('POST', PRESEND('o-err'), missing), 400, 'PARAM_ERROR', /appid/);
    const unknown = await expectError(
      await c.send('POST', PRESEND('o-err'), { ...presendBody(c, s, 'ERR_00003'), coupon_code: 'X' }),
      400,
      'PARAM_ERROR',
      /未在API文档中定义/,
    );
    expect(unknown.detail.value).toEqual(['/body/coupon_code']);
  });

  it('accepts the boundaries: 6 and 40 character numbers, 150 character attach', async () => {
    for (const [no, attach] of [
      ['A'.repeat(6), undefined],
      ['B'.repeat(40), '券'.repeat(150)],
    ] as const) {
      const res = await c.send('POST', PRESEND('o-bounds'), presendBody(c, s, no, attach ? { attach } : {}));
      expect(res.status).toBe(200);
    }
  });

  it('403 NO_AUTH when the brand has not authorized the caller', async () => {
    await c.deps.store.insertBrand({
      brandId: 'B-OTHER',
      name: 'other',
      secret: 'x',
      createdAt: '2025-01-01T00:00:00+08:00',
    });
    await expectError(
      await c.send('POST', PRESEND('o-err'), { ...presendBody(c, s, 'ERR_00004'), brand_id: 'B-OTHER' }),
      403,
      'NO_AUTH',
    );
  });

  it('400 INVALID_REQUEST 传入的AppID非法 for an unrelated AppID', async () => {
    await expectError(
      await c.send('POST', PRESEND('o-err'), { ...presendBody(c, s, 'ERR_00005'), appid: 'wx0000000000000000' }),
      400,
      'INVALID_REQUEST',
      /AppID非法/,
    );
  });

  it('404 NOT_FOUND for an unknown product coupon and for a bundle of another product coupon', async () => {
    await expectError(
      await c.send('POST', PRESEND('o-err'), { ...presendBody(c, s, 'ERR_00006'), product_coupon_id: '404404404' }),
      404,
      'NOT_FOUND',
      /product_coupon_id/,
    );
    const other = await seedBundle(c);
    await expectError(
      await c.send('POST', PRESEND('o-err'), {
        ...presendBody(c, s, 'ERR_00007'),
        stock_bundle_id: other.stockBundleId,
      }),
      404,
      'NOT_FOUND',
      /stock_bundle_id/,
    );
  });

  it('400 INVALID_REQUEST 传入参数不符合业务规则 when the stock is not SENDING or the period is over', async () => {
    const auditing = await seedBundle(c, { state: 'AUDITING' });
    await expectError(
      await c.send('POST', PRESEND('o-err'), presendBody(c, auditing, 'ERR_00008')),
      400,
      'INVALID_REQUEST',
      /业务规则/,
    );
    const ended = await seedBundle(c, { beginDaysFromNow: -10, endDaysFromNow: -1 });
    await expectError(
      await c.send('POST', PRESEND('o-err'), presendBody(c, ended, 'ERR_00009')),
      400,
      'INVALID_REQUEST',
      /业务规则/,
    );
  });

  it('400 ALREADY_EXISTS when the number was used with other parameters (D-5, D-6)', async () => {
    const token = await preSendToken(c, s, 'o-first', 'DUP_000001');
    expect((await claim(c, token)).result).toBe('RECEIVED');
    await expectError(
      await c.send('POST', PRESEND('o-second'), presendBody(c, s, 'DUP_000001')),
      400,
      'ALREADY_EXISTS',
    );
    await expectError(
      await c.send('POST', PRESEND('o-first'), presendBody(c, s, 'DUP_000001', { attach: 'changed' })),
      400,
      'ALREADY_EXISTS',
    );
  });

  it('400 INVALID_REQUEST 用户领取已达到上限 once the user has the bundle', async () => {
    const token = await preSendToken(c, s, 'o-limit', 'LIMIT_00001');
    expect((await claim(c, token)).result).toBe('RECEIVED');
    await expectError(
      await c.send('POST', PRESEND('o-limit'), presendBody(c, s, 'LIMIT_00002')),
      400,
      'INVALID_REQUEST',
      /上限/,
    );
  });

  it('403 NOT_ENOUGH when the total or the daily budget is spent, or the UPLOAD code pool is empty', async () => {
    const total = await seedBundle(c, { maxCount: 1 });
    expect((await claim(c, await preSendToken(c, total, 'o-t1', 'TOTAL_0001'))).result).toBe('RECEIVED');
    await expectError(
      await c.send('POST', PRESEND('o-t2'), presendBody(c, total, 'TOTAL_0002')),
      403,
      'NOT_ENOUGH',
      /预算不足/,
    );
    const daily = await seedBundle(c, { maxCountPerDay: 1 });
    expect((await claim(c, await preSendToken(c, daily, 'o-d1', 'DAILY_0001'))).result).toBe('RECEIVED');
    await expectError(
      await c.send('POST', PRESEND('o-d2'), presendBody(c, daily, 'DAILY_0002')),
      403,
      'NOT_ENOUGH',
      /预算不足/,
    );
    const upload = await seedBundle(c, { codeMode: 'UPLOAD' });
    await expectError(
      await c.send('POST', PRESEND('o-u'), presendBody(c, upload, 'UPLOAD_001')),
      403,
      'NOT_ENOUGH',
      /Code/,
    );
  });

  it('401 SIGN_ERROR for a request signed with another key', async () => {
    const res = await c.send('POST', PRESEND('o-err'), presendBody(c, s, 'ERR_00010'), {
      privateKey: (await import('../../src/protocol/keys.js')).generateRsaKeyPair().privateKey,
    });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('SIGN_ERROR');
  });

  it('500 SYSTEM_ERROR when the store fails unexpectedly', async () => {
    const original = c.store.insertToken;
    c.store.insertToken = async () => {
      throw new Error('disk on fire');
    };
    try {
      await expectError(await c.send('POST', PRESEND('o-err'), presendBody(c, s, 'ERR_00011')), 500, 'SYSTEM_ERROR');
    } finally {
      c.store.insertToken = original;
    }
  });

  it('429 RATELIMIT_EXCEEDED past the per-mchid user-side limit', async () => {
    const limited = await startCoupond({ rateLimits: { user: 2, management: 20 } });
    try {
      const seeded = await seedBundle(limited);
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await limited.send('POST', PRESEND('o-rl'), presendBody(limited, seeded, `RL_00000${i}`))).status,
        );
      expect(statuses).toContain(429);
    } finally {
      await limited.close();
    }
  });
});

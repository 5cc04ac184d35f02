import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { countInfo, fresh, upload } from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

describe('预上传券Code', () => {
  it('dedupes the batch, fails malformed codes alone, and counts the pool exactly', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const [a, b, d] = [fresh('a'), fresh('b'), fresh('d')];
    const first = await upload(c, s, [a, b, b, 'bad code!', '', 'x'.repeat(41)]);
    expect(first).toEqual({
      status: 200,
      body: {
        total_count: 6 - 1,
        success_code_list: [a, b],
        failed_code_list: ['bad code!', '', 'x'.repeat(41)].map((coupon_code) => ({
          coupon_code,
          code: 'PARAM_ERROR',
          message: expect.stringContaining('券Code格式错误'),
        })),
        duplicate_code_list: [b],
      },
    });
    expect(await upload(c, s, [a, d])).toEqual({
      status: 200,
      body: { total_count: 2, success_code_list: [d], already_exist_code_list: [a] },
    });
    expect(await countInfo(c, s)).toEqual({ total_count: 3, available_count: 3 });
    expect(await countInfo(c, s, 1)).toEqual({ total_count: 0, available_count: 0 });
  });

  it('a code is unique across stocks: another stock’s upload finds it already there', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const code = fresh('shared');
    expect((await upload(c, s, [code], 0)).body.success_code_list).toEqual([code]);
    expect((await upload(c, s, [code], 1)).body).toEqual({ total_count: 1, already_exist_code_list: [code] });
    expect(await countInfo(c, s, 1)).toEqual({ total_count: 0, available_count: 0 });
  });

  it('the same request number with the same body replays the first answer and stores nothing more', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const [a, no] = [fresh('a'), fresh('UPNO')];
    const first = await upload(c, s, [a], 0, no);
    expect(await upload(c, s, [a], 0, no)).toEqual(first);
    expect(await countInfo(c, s)).toEqual({ total_count: 1, available_count: 1 });
  });

  it('uploads to an AUDITING stock', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD', state: 'AUDITING' });
    expect((await upload(c, s, [fresh('aud')])).status).toBe(200);
    expect(await countInfo(c, s)).toEqual({ total_count: 1, available_count: 1 });
  });

  it('two concurrent uploads of one code pool it exactly once', async () => {
    const s = await seedBundle(c, { codeMode: 'UPLOAD' });
    const code = fresh('race');
    const answers = await Promise.all(Array.from({ length: 6 }, () => upload(c, s, [code])));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(answers.filter((a) => a.body.success_code_list?.includes(code))).toHaveLength(1);
    expect(answers.filter((a) => a.body.already_exist_code_list?.includes(code))).toHaveLength(5);
    expect(await countInfo(c, s)).toEqual({ total_count: 1, available_count: 1 });
  });
});

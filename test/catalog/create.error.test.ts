import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startCoupond } from '../harness.js';
import {
  type CreatedProductCouponT,
  createBody,
  expectError,
  expectParamError,
  json,
  no,
  paths,
  setNotifyUrl,
} from './helpers.js';

let c: Running;
beforeAll(async () => {
  c = await startCoupond();
});
afterAll(() => c.close());

type Body = ReturnType<typeof createBody>;
const post = (body: unknown) => c.send('POST', paths.create, body);
/** A valid body changed by `edit`. */
const edited = (edit: (b: Body) => void) => {
  const b = createBody(c);
  edit(b);
  return b;
};
const rules = (b: Body) => b.stock_bundle!.progressive_bundle_usage_rule;
const period = (b: Body) => rules(b).coupon_available_period;

describe('创建商品券 preconditions', () => {
  it('400 INVALID_REQUEST while the notify URL is not set; nothing is recorded, so the number works afterwards', async () => {
    const body = createBody(c);
    await expectError(await post(body), 400, 'INVALID_REQUEST', /传入参数不符合业务规则.*notify-configs/);
    await setNotifyUrl(c);
    await json<CreatedProductCouponT>(await post(body));
  });
});

describe('创建商品券 validation: PARAM_ERROR naming the field (D-4)', () => {
  it.each<[string, (b: Body) => void, string]>([
    ['a missing display_info', (b) => delete (b as Partial<Body>).display_info, '/display_info'],
    ['out_request_no shorter than 6', (b) => (b.out_request_no = 'A1234'), '/out_request_no'],
    ['out_request_no with a forbidden character', (b) => (b.out_request_no = 'ABC.12345'), '/out_request_no'],
    ['name shorter than 3 characters', (b) => (b.display_info.name = '满减'), '/display_info/name'],
    ['name longer than 15 characters', (b) => (b.display_info.name = '券'.repeat(16)), '/display_info/name'],
    ['an unknown enum value', (b) => Object.assign(b, { type: 'CASH' }), '/type'],
    ['count below 3', (b) => (b.progressive_bundle_usage_info = { count: 2 }), '/progressive_bundle_usage_info/count'],
    [
      'count above 15',
      (b) => (b.progressive_bundle_usage_info = { count: 16 }),
      '/progressive_bundle_usage_info/count',
    ],
    [
      'interval_days above 7',
      (b) => (b.progressive_bundle_usage_info = { count: 3, interval_days: 8 }),
      '/progressive_bundle_usage_info/interval_days',
    ],
    [
      'a rule list shorter than count',
      (b) => (rules(b).normal_coupon_list = rules(b).normal_coupon_list!.slice(0, 2)),
      '/stock_bundle/progressive_bundle_usage_rule/normal_coupon_list',
    ],
    [
      'the list of another type',
      (b) => (rules(b).discount_coupon_list = [{ threshold: 0, percent_off: 10 }]),
      '/stock_bundle/progressive_bundle_usage_rule/discount_coupon_list',
    ],
    [
      'a zero discount_amount',
      (b) => (rules(b).normal_coupon_list![1]!.discount_amount = 0),
      '/stock_bundle/progressive_bundle_usage_rule/normal_coupon_list/1/discount_amount',
    ],
    [
      'max_count above 100,000,000',
      (b) => (b.stock_bundle!.stock_send_rule.max_count = 100_000_001),
      '/stock_bundle/stock_send_rule/max_count',
    ],
    [
      'max_count_per_day above 100,000,000',
      (b) => (b.stock_bundle!.stock_send_rule.max_count_per_day = 100_000_001),
      '/stock_bundle/stock_send_rule/max_count_per_day',
    ],
    [
      'max_count_per_user above 100',
      (b) => (b.stock_bundle!.stock_send_rule.max_count_per_user = 101),
      '/stock_bundle/stock_send_rule/max_count_per_user',
    ],
    [
      'a time that is not RFC 3339',
      (b) => (period(b).available_begin_time = '2025-08-01 00:00:00'),
      '/stock_bundle/progressive_bundle_usage_rule/coupon_available_period/available_begin_time',
    ],
    [
      'a period longer than 365 days',
      (b) => {
        const begin = Date.parse(period(b).available_begin_time);
        period(b).available_end_time = new Date(begin + 365 * 86_400_000 + 1000).toISOString();
      },
      '/stock_bundle/progressive_bundle_usage_rule/coupon_available_period/available_end_time',
    ],
    [
      'an end before the begin',
      (b) => (period(b).available_end_time = period(b).available_begin_time),
      '/stock_bundle/progressive_bundle_usage_rule/coupon_available_period/available_end_time',
    ],
    [
      'API_ASSIGN code mode on a bundle',
      (b) => Object.assign(b.stock_bundle!, { coupon_code_mode: 'API_ASSIGN' }),
      '/stock_bundle/coupon_code_mode',
    ],
    [
      'MINI_PROGRAM usage without its AppID',
      (b) => delete b.stock_bundle!.usage_rule_display_info.mini_program_appid,
      '/stock_bundle/usage_rule_display_info/mini_program_appid',
    ],
    ['scope SINGLE without combo_package_list', (b) => (b.scope = 'SINGLE'), '/display_info/combo_package_list'],
    [
      'a display image that is not an http(s) URL',
      (b) => (b.display_info.image_url = 'ftp://img.example.com/a.png'),
      '/display_info/image_url',
    ],
  ])('%s', async (_name, edit, field) => {
    await expectParamError(await post(edited(edit)), field);
  });

  it('an unknown field, at the top or nested, is refused as not defined by the API', async () => {
    const top = await expectError(await post({ ...createBody(c), extra: 1 }), 400, 'PARAM_ERROR', /未在API文档中定义/);
    expect(top.detail?.value).toEqual(['/body/extra']);
    const nested = edited((b) => Object.assign(b.stock_bundle!.stock_send_rule, { max_count_per_week: 5 }));
    const inner = await expectError(await post(nested), 400, 'PARAM_ERROR', /未在API文档中定义/);
    expect(inner.detail?.value).toEqual(['/body/stock_bundle/stock_send_rule/max_count_per_week']);
  });

  it('a body that is not JSON, and a wrong Content-Type', async () => {
    await expectError(
      await c.send('POST', paths.create, undefined, { rawBody: '{"out_request_no":' }),
      400,
      'PARAM_ERROR',
    );
    await expectError(
      await c.send('POST', paths.create, createBody(c), { headers: { 'Content-Type': 'text/plain' } }),
      400,
      'INVALID_REQUEST',
      /Content-Type/,
    );
  });
});

describe('创建商品券 business rules: INVALID_REQUEST 传入参数不符合业务规则 naming the field', () => {
  it.each<[string, (b: Body) => void, string]>([
    [
      'a later round weaker than the one before it (round 1 exempt: 10,7,8,7 rejected at round 4)',
      (b) => {
        b.progressive_bundle_usage_info = { count: 4 };
        rules(b).normal_coupon_list = [1000, 700, 800, 700].map((discount_amount) => ({
          threshold: 0,
          discount_amount,
        }));
      },
      '/stock_bundle/progressive_bundle_usage_rule/normal_coupon_list/3/discount_amount',
    ],
    ['EXCHANGE on a whole-store coupon', (b) => (b.type = 'EXCHANGE'), '/type'],
  ])('%s', async (_name, edit, field) => {
    const body = await expectError(await post(edited(edit)), 400, 'INVALID_REQUEST', /传入参数不符合业务规则/);
    expect(body.detail?.field).toBe(field);
  });
});

describe('创建商品券 authorization and request numbers (D-2, D-5)', () => {
  it('403 NO_AUTH when the brand has not authorized the caller', async () => {
    await c.store.insertBrand({ brandId: 'B-NOAUTH', name: 'x', secret: 'x', createdAt: '2025-01-01T00:00:00+08:00' });
    await expectError(await post({ ...createBody(c), brand_id: 'B-NOAUTH' }), 403, 'NO_AUTH', '服务商没有此接口权限');
  });

  it('400 INVALID_REQUEST 传入的AppID非法 for a notify AppID related to neither merchant nor brand', async () => {
    const body = edited((b) => (b.stock_bundle!.notify_config.notify_appid = 'wx0000000000000000'));
    const error = await expectError(await post(body), 400, 'INVALID_REQUEST', '传入的AppID非法');
    expect(error.detail?.field).toBe('/stock_bundle/notify_config/notify_appid');
  });

  it('400 ALREADY_EXISTS 商品券已存在 for the same number with another body', async () => {
    const requestNo = no('DUP');
    await json(await post(createBody(c, {}, requestNo)));
    const other = createBody(c, { maxCount: 999 }, requestNo);
    await expectError(await post(other), 400, 'ALREADY_EXISTS', '商品券已存在');
  });
});

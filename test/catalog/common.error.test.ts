import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../../src/protocol/keys.js';
import { type Running, startCoupond } from '../harness.js';
import {
  bundleInput,
  type CreatedProductCouponT,
  createBody,
  createCoupon,
  expectError,
  no,
  paths,
  setNotifyUrl,
  singleStockInput,
} from './helpers.js';

/** The generic rows every catalog error table carries: 401 SIGN_ERROR, 429 RATELIMIT_EXCEEDED, 500 SYSTEM_ERROR. */
let c: Running;
let created: CreatedProductCouponT;
beforeAll(async () => {
  c = await startCoupond();
  await setNotifyUrl(c);
  created = await createCoupon(c);
});
afterAll(() => c.close());

interface Call {
  api: string;
  method: string;
  path: string;
  body?: () => unknown;
}

const calls = (): Call[] => {
  const id = created.product_coupon_id;
  const bundleId = created.stock_bundle!.stock_bundle_id;
  const brand_id = c.merchant.brandId;
  const stockId = created.stock_bundle!.stock_list[0]!.stock_id;
  return [
    { api: 'createProductCoupon', method: 'POST', path: paths.create, body: () => createBody(c) },
    { api: 'getProductCoupon', method: 'GET', path: paths.coupon(id, brand_id) },
    {
      api: 'modifyProductCoupon',
      method: 'PATCH',
      path: paths.modify(id),
      body: () => ({ out_request_no: no(), brand_id, display_info: createBody(c).display_info }),
    },
    {
      api: 'deactivateProductCoupon',
      method: 'POST',
      path: paths.deactivate(id),
      body: () => ({ out_request_no: no(), brand_id, deactivate_reason: '测试' }),
    },
    {
      api: 'addStockBundle',
      method: 'POST',
      path: paths.bundles(id),
      body: () => ({ out_request_no: no(), brand_id, stock_bundle: bundleInput(c) }),
    },
    {
      api: 'modifyStockBundle',
      method: 'PATCH',
      path: paths.bundle(id, bundleId),
      body: () => ({ out_request_no: no(), brand_id }),
    },
    {
      api: 'updateStockBundleBudget',
      method: 'POST',
      path: paths.budget(id, bundleId),
      body: () => ({
        out_request_no: no(),
        brand_id,
        update_mode: 'MAX_COUNT',
        current_max_count: 1,
        target_max_count: 2,
      }),
    },
    {
      api: 'addStock',
      method: 'POST',
      path: paths.addStock(id),
      body: () => ({ out_request_no: no(), brand_id, stock: singleStockInput(c) }),
    },
    { api: 'listStocks', method: 'GET', path: paths.stocks(id, { brand_id }) },
    { api: 'getStock', method: 'GET', path: paths.stock(id, stockId, brand_id) },
  ];
};

async function fault(api: string, respond: 429 | 500) {
  const res = await fetch(`${c.baseURL}sandbox/v1/faults`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ api, count: 1, respond }),
  });
  expect(res.status).toBe(201);
}

describe('generic error rows of every catalog endpoint', () => {
  it('401 SIGN_ERROR when the request is signed with another key; nothing is written', async () => {
    const otherKey = generateRsaKeyPair().privateKey;
    for (const call of calls())
      await expectError(
        await c.send(call.method, call.path, call.body?.(), { privateKey: otherKey }),
        401,
        'SIGN_ERROR',
      );
    const page = await c.send('GET', paths.stocks(created.product_coupon_id, { brand_id: c.merchant.brandId }));
    expect(((await page.json()) as { total_count: number }).total_count).toBe(3);
  });

  it('500 SYSTEM_ERROR and 429 RATELIMIT_EXCEEDED as the sandbox faults make them (D-20)', async () => {
    for (const call of calls()) {
      await fault(call.api, 500);
      await expectError(
        await c.send(call.method, call.path, call.body?.()),
        500,
        'SYSTEM_ERROR',
        '系统异常，请稍后重试',
      );
      await fault(call.api, 429);
      await expectError(await c.send(call.method, call.path, call.body?.()), 429, 'RATELIMIT_EXCEEDED');
    }
  });

  it('429 RATELIMIT_EXCEEDED beyond 20 management calls per second per merchant (D-19)', async () => {
    const limited = await startCoupond({ rateLimits: { user: 500, management: 20 } });
    try {
      const path = paths.stocks('1999999999', { brand_id: limited.merchant.brandId });
      const statuses = await Promise.all(
        Array.from({ length: 45 }, async () => (await limited.send('GET', path)).status),
      );
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
      expect(statuses.filter((s) => s !== 429).every((s) => s === 404)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedProductCouponT } from '../../src/services/catalog/types.js';
import { createBody, json, paths } from '../catalog/helpers.js';
import { launchBrowser, skipBrowser } from '../component/browser.js';
import type { Running } from '../harness.js';
import {
  admin,
  call,
  confirmBody,
  type Env,
  paths as lifecycle,
  no,
  startWithReceiver,
  until,
} from '../lifecycle/helpers.js';
import { type ConsolePage, openConsole, PHONE, screenshot, seriousViolations } from './browser.js';

/** The operator's console in headless Chromium against a real coupond with data made through the signed API. */
describe.skipIf(skipBrowser)('operator console', { timeout: 180_000 }, () => {
  let env: Env;
  let c: Running;
  let browser: Browser;
  let created: CreatedProductCouponT;
  const bundles: { openid: string; bundleId: string; code: string }[] = [];
  const opened: ConsolePage[] = [];

  const open = async (path: string, options: Parameters<typeof openConsole>[3] = { token: c.adminToken }) => {
    const p = await openConsole(browser, c.baseURL, path, options);
    opened.push(p);
    return p;
  };
  const send = async (openid: string) => {
    const res = await c.send('POST', paths.send(openid), {
      brand_id: c.merchant.brandId,
      product_coupon_id: created.product_coupon_id,
      stock_bundle_id: created.stock_bundle!.stock_bundle_id,
      appid: c.merchant.appid,
      send_request_no: no('SEND'),
    });
    const body = await json<{ user_coupon_bundle_id: string; user_product_coupon_list: { coupon_code: string }[] }>(
      res,
    );
    bundles.push({ openid, bundleId: body.user_coupon_bundle_id, code: body.user_product_coupon_list[0]!.coupon_code });
  };
  /** Accessibility, script errors and screenshots (desktop and phone) of one page once it shows `ready`. */
  const audit = async (p: ConsolePage, name: string, ready: string, token: string | null = c.adminToken) => {
    await p.page.locator(ready).first().waitFor();
    expect(await seriousViolations(p.page)).toEqual([]);
    await screenshot(p.page, `${name}-desktop`);
    const { pathname, search } = new URL(p.page.url());
    const phone = await open(pathname + search, { ...(token ? { token } : {}), viewport: PHONE });
    await phone.page.locator(ready).first().waitFor();
    expect(await seriousViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, `${name}-phone`);
    const scrollWidth = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
  };

  beforeAll(async () => {
    env = await startWithReceiver();
    c = env.c;
    env.receiver.status = 500;
    browser = await launchBrowser();
    created = await json<CreatedProductCouponT>(
      await c.send('POST', paths.create, createBody(c, { maxCount: 1000, maxCountPerDay: 500 })),
    );
    for (const openid of ['o-console-a', 'o-console-b', 'o-console-c']) await send(openid);
    const first = bundles[0]!;
    const confirmed = await call(
      c,
      lifecycle.confirm(first.openid, first.code),
      confirmBody(
        c,
        {
          productCouponId: created.product_coupon_id,
          stockBundleId: created.stock_bundle!.stock_bundle_id,
          stockIds: created.stock_bundle!.stock_list.map((s) => s.stock_id),
        },
        0,
      ),
    );
    expect(confirmed.status).toBe(200);
    await env.receiver.waitFor(3);
  }, 60_000);
  afterAll(async () => {
    for (const p of opened) await p.page.context().close();
    await browser?.close();
    await env?.close();
  });

  it('signed out, no page shows data or calls the admin API; a wrong token is refused', async () => {
    const p = await open(`/console/product-coupons/${created.product_coupon_id}`, {});
    await p.page.locator('#sign-in').waitFor();
    const text = await p.page.locator('body').textContent();
    expect(text).not.toContain(created.product_coupon_id);
    expect(text).not.toContain('全场满100立减');
    expect(p.apiCalls).toEqual([]);
    await p.page.getByLabel('管理令牌').fill('not-the-token');
    await p.page.getByRole('button', { name: '登录' }).click();
    await p.page.getByText('管理令牌不正确').waitFor();
    expect(await p.page.locator('body').textContent()).not.toContain(created.product_coupon_id);
    await audit(p, 'sign-in', '#sign-in', null);
    expect(p.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('signs in with the admin token and shows the overview with live counts', async () => {
    const p = await open('/console', {});
    await p.page.getByLabel('管理令牌').fill(c.adminToken);
    await p.page.getByRole('button', { name: '登录' }).click();
    const issued = p.page.locator('[data-stat="issued"] .stat-value');
    await expect.poll(() => issued.textContent()).toBe('3');
    const overview = (await admin(c, 'GET', 'admin/v1/console/overview')).body;
    expect(overview.issued).toBe(3);
    expect(await p.page.locator('[data-stat="merchants"] .stat-value').textContent()).toBe(String(overview.merchants));
    await send('o-console-live');
    await expect.poll(() => issued.textContent(), { timeout: 8_000 }).toBe('4');
    await audit(p, 'overview', '[data-stat="issued"]');
    expect(p.errors).toEqual([]);
  });

  it('lists product coupons with filters, counts and budget', async () => {
    const p = await open('/console/product-coupons');
    const row = p.page.locator('tr', { hasText: created.product_coupon_id });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('全场满100立减');
    expect(text).toContain('多次优惠');
    expect(text).toContain('生效中');
    expect(text).toContain('4 / 3,000');
    await p.page.getByLabel('使用模式').selectOption('SINGLE');
    await p.page.getByRole('button', { name: '应用' }).click();
    await p.page.waitForURL(/mode=SINGLE/);
    await p.page.getByText('暂无数据').waitFor();
    await p.page.getByLabel('使用模式').selectOption('PROGRESSIVE_BUNDLE');
    await p.page.getByRole('button', { name: '应用' }).click();
    await row.waitFor();
    await audit(p, 'product-coupons', 'tbody tr');
    expect(p.errors).toEqual([]);
  });

  it('shows a product coupon: each stock with limits and counts, gauges, and a drawn chart', async () => {
    const p = await open(`/console/product-coupons/${created.product_coupon_id}`);
    const stocks = created.stock_bundle!.stock_list;
    const first = p.page.locator(`[data-stock-id="${stocks[0]!.stock_id}"]`);
    await first.waitFor();
    expect(await p.page.locator('[data-stock-id]').count()).toBe(stocks.length);
    expect(await first.locator('[data-count="issued"]').textContent()).toBe('4');
    expect(await first.locator('[data-count="issued_today"]').textContent()).toBe('4');
    expect(await first.textContent()).toContain('500');
    expect(await first.locator('.gauge').getAttribute('data-issued')).toBe('4');
    const chart = p.page.locator('figure.chart');
    await expect.poll(() => chart.getAttribute('data-total')).toBe('4');
    expect(await chart.getAttribute('data-points')).toBe('48');
    expect(await paintedPixels(p.page)).toBeGreaterThan(50);
    await p.page.getByRole('button', { name: '按天' }).click();
    await expect.poll(() => chart.getAttribute('data-granularity')).toBe('day');
    expect(await chart.getAttribute('data-points')).toBe('30');
    expect(await chart.getAttribute('data-total')).toBe('4');
    await audit(p, 'product-coupon', 'figure.chart[data-total]');
    expect(p.errors).toEqual([]);
  });

  it("shows a user's bundles and coupons with their lifecycle and links", async () => {
    const first = bundles[0]!;
    const p = await open(`/console/users/${first.openid}`);
    const card = p.page.locator(`[data-user-coupon-bundle-id="${first.bundleId}"]`);
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain(first.code);
    expect(text).toContain('生效中');
    expect(await card.locator('[data-step]').evaluateAll((li) => li.map((e) => e.getAttribute('data-step')))).toEqual([
      'ISSUED',
      'CONFIRMED',
    ]);
    await card.getByRole('link', { name: created.product_coupon_id }).click();
    await p.page.waitForURL(new RegExp(`/console/product-coupons/${created.product_coupon_id}$`));
    await p.page.locator('figure.chart').waitFor();
    await p.page.goBack();
    await card.waitFor();
    await audit(p, 'user', '[data-user-coupon-bundle-id]');
    expect(p.errors).toEqual([]);
  });

  it('shows webhook deliveries with their attempts; redeliver delivers', async () => {
    const failing = (await admin(c, 'GET', 'admin/v1/webhooks?limit=200')).body.data as { event_id: string }[];
    const eventId = failing[0]!.event_id;
    const p = await open('/console/webhooks');
    const card = p.page.locator(`[data-event-id="${eventId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-state')).toBe('PENDING');
    expect(await card.locator('tbody tr').first().textContent()).toContain('500');
    env.receiver.status = 204;
    const before = env.receiver.received.length;
    await card.getByRole('button', { name: '重新投递' }).click();
    await p.page.getByText(`已安排重新投递: ${eventId}`).waitFor();
    await until(() => env.receiver.received.length > before);
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 8_000 }).toBe('DELIVERED');
    expect(await card.locator('tbody tr').last().textContent()).toContain('204');
    await p.page.getByLabel('状态').selectOption('DELIVERED');
    await p.page.getByRole('button', { name: '应用' }).click();
    await p.page.waitForURL(/state=DELIVERED/);
    await card.waitFor();
    expect(await p.page.locator('[data-state="PENDING"]').count()).toBe(0);
    await audit(p, 'webhooks', '[data-event-id]');
    expect(p.errors).toEqual([]);
  });

  it('moves the sandbox clock and manages faults from the page', async () => {
    const p = await open('/console/sandbox');
    const clock = p.page.locator('.clock-now[data-now]');
    await clock.waitFor();
    await p.page.getByRole('button', { name: '冻结' }).click();
    await expect.poll(() => clock.getAttribute('data-frozen')).toBe('true');
    const frozenAt = Date.parse((await clock.getAttribute('data-now'))!);
    await p.page.getByLabel('秒数').fill('7200');
    await p.page.getByRole('button', { name: '前进' }).click();
    await expect.poll(async () => Date.parse((await clock.getAttribute('data-now'))!) - frozenAt).toBe(7_200_000);
    expect(Math.floor(c.clock.now().getTime() / 1000) * 1000).toBe(frozenAt + 7_200_000);
    await p.page.getByRole('button', { name: '恢复真实时间' }).click();
    await expect.poll(() => clock.getAttribute('data-frozen')).toBe('false');
    expect(Math.abs(c.clock.now().getTime() - Date.now())).toBeLessThan(2_000);

    await p.page.getByLabel('接口').selectOption('useUserCoupon');
    await p.page.getByLabel('次数').fill('2');
    await p.page.getByRole('button', { name: '添加故障' }).click();
    await p.page.locator('#fault-form ~ div tr', { hasText: 'useUserCoupon' }).waitFor();
    expect((await admin(c, 'GET', 'sandbox/v1/faults')).body.data).toEqual([
      { api: 'useUserCoupon', count: 2, respond: 500 },
    ]);
    await audit(p, 'sandbox', '.clock-now[data-now]');
    await p.page.getByRole('button', { name: '清除全部故障' }).click();
    await p.page.getByText('没有待触发的故障').waitFor();
    expect((await admin(c, 'GET', 'sandbox/v1/faults')).body.data).toEqual([]);
    expect(p.errors).toEqual([]);
  });

  it('switches to English and keeps the choice', async () => {
    const p = await open('/console');
    await p.page.getByLabel('语言').selectOption('en');
    await p.page.getByRole('link', { name: 'Product coupons' }).click();
    await p.page.getByRole('heading', { name: 'Product coupons' }).waitFor();
    await p.page.reload();
    await p.page.locator('tr', { hasText: 'Progressive bundle' }).waitFor();
    expect(await p.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(p.page, 'product-coupons-en');
    expect(p.errors).toEqual([]);
  });

  it('resets the sandbox data only after confirmation', async () => {
    const p = await open('/console/sandbox');
    await p.page.getByRole('button', { name: '清空业务数据' }).click();
    await p.page.getByRole('dialog').waitFor();
    await screenshot(p.page, 'sandbox-reset-dialog');
    await p.page.getByRole('button', { name: '取消' }).click();
    expect((await admin(c, 'GET', 'admin/v1/console/overview')).body.issued).toBe(4);
    await p.page.getByRole('button', { name: '清空业务数据' }).click();
    await p.page.getByRole('button', { name: '确认清空' }).click();
    await p.page.getByText('业务数据已清空').waitFor();
    const after = (await admin(c, 'GET', 'admin/v1/console/overview')).body;
    expect(after.issued).toBe(0);
    expect(after.product_coupons).toEqual({ AUDITING: 0, EFFECTIVE: 0, DEACTIVATED: 0 });
    expect(p.errors).toEqual([]);
  });

  it('signing out clears the token and hides the data', async () => {
    const p = await open('/console/product-coupons');
    await p.page.locator('h1', { hasText: '商品券' }).waitFor();
    await p.page.getByRole('button', { name: '退出' }).click();
    await p.page.locator('#sign-in').waitFor();
    expect(await p.page.evaluate(() => sessionStorage.getItem('coupond.console.token'))).toBeNull();
    await p.page.reload();
    await p.page.locator('#sign-in').waitFor();
  });
});

/** Non-transparent pixels on the chart's canvas: bars were drawn. */
function paintedPixels(page: Page): Promise<number> {
  return page.locator('figure.chart canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i]! < 100 && data[i + 1]! > 120 && data[i + 3]! > 0) painted += 1;
    }
    return painted;
  });
}

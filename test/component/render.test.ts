import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComponentBundles } from '../../src/component/index.js';
import { launchBrowser, newMobilePage, recordHostEvents, screenshot, skipBrowser } from './browser.js';
import { type FixtureServer, startFixtureServer } from './fixture-server.js';

describe.skipIf(skipBrowser)('<coupon-receiver> in headless Chromium', () => {
  let dir: string;
  let server: FixtureServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'coupond-component-'));
    await buildComponentBundles(dir);
    server = await startFixtureServer(dir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(token: string, state: string) {
    const page = await newMobilePage(browser);
    const events = await recordHostEvents(page);
    await page.goto(`${server.base}/component/receive?token=${encodeURIComponent(token)}`);
    await page.locator(`coupon-receiver[data-state="${state}"]`).waitFor();
    return { page, events };
  }

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

  it('shows a ready coupon: 待领取, rules, validity, combos, 立即领取', async () => {
    const { page } = await open('ready', 'READY');
    await expect(page.getByText('待领取', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: '精品咖啡三次券' }).isVisible()).resolves.toBe(true);
    for (const text of [
      '满100减15',
      '满100减10',
      '无门槛减5.5',
      '共3次优惠 · 每次使用后间隔1天',
      '有效期 2025.08.01 - 2025.08.31',
      '领取后可选择商品',
    ]) {
      await expect(page.getByText(text, { exact: true }).isVisible(), text).resolves.toBe(true);
    }
    await expect(page.getByText('¥32', { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(button(page, '立即领取').isEnabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '拿铁' }).count()).resolves.toBe(0);
    await screenshot(page, 'ready');
    await page.context().close();
  });

  it('claims: 立即领取 → 去使用, reports the claim, the chosen product and 去使用 to the host', async () => {
    const { page, events } = await open('ready', 'READY');
    await button(page, '立即领取').click();
    await page.locator('coupon-receiver[data-state="RECEIVED"]').waitFor();
    await expect(button(page, '去使用').isVisible()).resolves.toBe(true);
    await expect(page.getByText('领取成功', { exact: true }).isVisible()).resolves.toBe(true);
    expect(server.claims.filter((t) => t === 'ready')).toHaveLength(1);

    await page.getByRole('button', { name: /美式/ }).click();
    await expect(page.getByRole('button', { name: /美式/ }).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'received');
    await button(page, '去使用').click();

    const source = 'receiveProductCouponComponent';
    expect(await events()).toEqual([
      {
        type: 'coupon-receiver:claim',
        detail: {
          action: 'receiveCoupon',
          productPath: '',
          source,
          result: 'RECEIVED',
          user_coupon_bundle_id: 'UCB_0001',
          coupon_code: 'CODE_0001',
        },
      },
      {
        type: 'coupon-receiver:result',
        detail: {
          action: 'selectProductInReceiving',
          productPath: '/pages/product?id=americano',
          source,
          result: 'RECEIVED',
        },
      },
      {
        type: 'coupon-receiver:result',
        detail: {
          action: 'useCouponInReceiving',
          productPath: '/pages/product?id=americano',
          source,
          result: 'RECEIVED',
        },
      },
    ]);
    await page.context().close();
  });

  it('keeps keyboard focus on the action button from 立即领取 to 去使用', async () => {
    const { page } = await open('ready', 'READY');
    await button(page, '立即领取').focus();
    await page.keyboard.press('Enter');
    await page.locator('coupon-receiver[data-state="RECEIVED"]').waitFor();
    const focused = await page.evaluate(
      () => document.querySelector('coupon-receiver')?.shadowRoot?.activeElement?.textContent,
    );
    expect(focused).toBe('去使用');
    await page.context().close();
  });

  it('shows 已领取 with 去使用 for an already received token', async () => {
    const { page, events } = await open('already', 'ALREADY_RECEIVED');
    await expect(page.getByText('已领取', { exact: true }).isVisible()).resolves.toBe(true);
    await button(page, '去使用').click();
    expect((await events()).map((e) => e.detail)).toEqual([
      {
        action: 'useCouponInReceiving',
        productPath: '',
        source: 'receiveProductCouponComponent',
        result: 'ALREADY_RECEIVED',
      },
    ]);
    await screenshot(page, 'already-received');
    await page.context().close();
  });

  it('never hands a stored javascript:, data: or other-origin path to the host (D-42)', async () => {
    const { page, events } = await open('stored-script-path', 'ALREADY_RECEIVED');
    for (const name of [/拿铁/, /美式/, /摩卡/]) await page.getByRole('button', { name }).click();
    await button(page, '去使用').click();
    const paths = (await events()).map((e) => (e.detail as { productPath: string }).productPath);
    expect(paths).toEqual(['', '', '', '']);
    await page.context().close();
  });

  it.each([
    ['sold-out', 'SOLD_OUT', '商品已抢光'],
    ['daily', 'DAILY_SOLD_OUT', '今日已抢光'],
    ['limit', 'USER_LIMIT_REACHED', '已达领取上限'],
    ['not-available', 'NOT_AVAILABLE', '活动未开始或已结束'],
  ])('shows %s as a disabled %s button: %s', async (token, state, label) => {
    const { page } = await open(token, state);
    await expect(button(page, label).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: '精品咖啡三次券' }).isVisible()).resolves.toBe(true);
    if (state === 'DAILY_SOLD_OUT') {
      await expect(page.getByText('8月2日 00:00 恢复领取', { exact: true }).isVisible()).resolves.toBe(true);
    }
    await screenshot(page, token);
    await page.context().close();
  });

  it.each([
    ['expired', false],
    ['invalid', false],
    ['unknown-token', false],
    ['server-error', true],
    ['network-error', true],
  ])('shows 获取数据失败 for %s', async (token, retry) => {
    const { page } = await open(token, 'FAILED');
    await expect(page.getByText('获取数据失败', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(button(page, '重新加载').count()).resolves.toBe(retry ? 1 : 0);
    if (token === 'expired' || token === 'server-error') await screenshot(page, `failed-${token}`);
    await page.context().close();
  });

  it('shows the claim refusal and reports it when the bundle sells out before the tap', async () => {
    const { page, events } = await open('ready-then-sold-out', 'READY');
    await button(page, '立即领取').click();
    await page.locator('coupon-receiver[data-state="SOLD_OUT"]').waitFor();
    await expect(button(page, '商品已抢光').isDisabled()).resolves.toBe(true);
    expect((await events()).map((e) => [e.type, e.detail.result])).toEqual([['coupon-receiver:claim', 'SOLD_OUT']]);
    await page.context().close();
  });

  it('words discount and exchange rounds, and renders names as text', async () => {
    const discount = await open('discount', 'READY');
    for (const text of ['满100打8折', '8.5折', '7折', '共3次优惠', '有效期至 2025.08.31']) {
      await expect(discount.page.getByText(text, { exact: true }).isVisible(), text).resolves.toBe(true);
    }
    await screenshot(discount.page, 'discount');
    await discount.page.context().close();

    const exchange = await open('exchange', 'READY');
    for (const text of ['¥1兑换', '¥0兑换', '满50 ¥9.9兑换', '共3次优惠 · 每次使用后间隔7天', '<b>一元换购</b>']) {
      await expect(exchange.page.getByText(text, { exact: true }).isVisible(), text).resolves.toBe(true);
    }
    await screenshot(exchange.page, 'exchange');
    await exchange.page.context().close();
  });

  it('does not move the action button between loading and loaded', async () => {
    const page = await newMobilePage(browser);
    await page.goto(`${server.base}/component/receive?token=ready-slow`);
    await page.locator('coupon-receiver[data-state="LOADING"]').waitFor();
    const loading = await button(page, '加载中…').boundingBox();
    await screenshot(page, 'loading');
    await page.locator('coupon-receiver[data-state="READY"]').waitFor();
    const ready = await button(page, '立即领取').boundingBox();
    expect(ready).toEqual(loading);
    await page.context().close();
  });

  it('posts the claim and 去使用 to the parent window when framed', async () => {
    const page = await newMobilePage(browser);
    const events = await recordHostEvents(page);
    await page.goto(`${server.base}/host?token=ready`);
    const frame = page.frameLocator('#frame');
    await frame.getByRole('button', { name: '立即领取' }).click();
    await frame.getByRole('button', { name: '去使用' }).click();
    await expect
      .poll(async () => (await events()).map((e) => [e.type, e.detail.action, e.detail.result]))
      .toEqual([
        ['message', 'receiveCoupon', 'RECEIVED'],
        ['message', 'useCouponInReceiving', 'RECEIVED'],
      ]);
    await page.context().close();
  });

  it('demo page: pre-send for an openid, then receive', async () => {
    const page = await newMobilePage(browser);
    await page.goto(`${server.base}/component/demo`);
    await expect(page.getByLabel('用户 openid').inputValue()).resolves.toMatch(/^o_demo_/);
    await page.getByRole('button', { name: '预发放并打开领券组件' }).click();
    await page.locator('coupon-receiver[data-state="READY"]').waitFor();
    await button(page, '立即领取').click();
    await page.locator('coupon-receiver[data-state="RECEIVED"]').waitFor();
    await expect(page.locator('#log li').first().textContent()).resolves.toContain('"result":"RECEIVED"');
    await expect(page.getByRole('link', { name: '在新页面打开 H5 领券页' }).getAttribute('href')).resolves.toMatch(
      /^\/component\/receive\?token=demo-/,
    );
    await screenshot(page, 'demo', true);
    await page.context().close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSingle, setNotifyUrl } from '../catalog/helpers.js';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { claim, preSendSingleToken, preSendToken } from '../issuance/helpers.js';
import { launchBrowser, newMobilePage, recordHostEvents, screenshot, skipBrowser } from './browser.js';

/** The receiving component in headless Chromium against a real coupond (issue: Issuance, browser test). */
describe.skipIf(skipBrowser)('receiving component end to end', () => {
  let c: Running;
  let browser: Browser;
  beforeAll(async () => {
    c = await startCoupond();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  /** What Chromium refused under coupond's Content-Security-Policy (D-44), on every page opened here. */
  const cspViolations: string[] = [];
  const watchCsp = (page: Page) =>
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  const open = async (token: string): Promise<Page> => {
    const page = await newMobilePage(browser);
    watchCsp(page);
    const answer = await page.goto(`${c.baseURL}component/receive?token=${encodeURIComponent(token)}`);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    return page;
  };
  const shows = (page: Page, state: string) => page.locator(`coupon-receiver[data-state="${state}"]`).waitFor();

  it('a fresh token: tap 立即领取, see 去使用; a token of the same parameters shows 已领取', async () => {
    const s = await seedBundle(c, { maxCount: 5 });
    const page = await open(await preSendToken(c, s, 'o-browser', 'BROWSER_001'));
    const events = await recordHostEvents(page);
    await page.reload();
    await shows(page, 'READY');
    await screenshot(page, 'e2e-ready');
    await page.getByRole('button', { name: '立即领取', exact: true }).click();
    await shows(page, 'RECEIVED');
    await expect(page.getByRole('button', { name: '去使用', exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'e2e-received');
    expect((await events()).some((e) => e.type === 'coupon-receiver:claim' && e.detail.result === 'RECEIVED')).toBe(
      true,
    );
    const issued = await c.store.getStock(s.stockIds[0]!, '1970-01-01');
    expect(issued?.totalCount).toBe(1);

    const again = await open(await preSendToken(c, s, 'o-browser', 'BROWSER_001'));
    await shows(again, 'ALREADY_RECEIVED');
    await expect(again.getByText('已领取').first().isVisible()).resolves.toBe(true);
    await screenshot(again, 'e2e-already-received');
  });

  it('a single coupon: one round titled 单券, received once, its code reported without a bundle (D-100)', async () => {
    await setNotifyUrl(c);
    const s = await seedSingle(c, { maxCount: 5 });
    const page = await open(await preSendSingleToken(c, s, 'o-browser-single', 'BROWSER_SINGLE_001'));
    const events = await recordHostEvents(page);
    await page.reload();
    await shows(page, 'READY');
    await expect(page.getByText('单券 · 可使用1次').isVisible()).resolves.toBe(true);
    await expect(page.getByText('满100减10').first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'e2e-single-ready');
    await page.getByRole('button', { name: '立即领取', exact: true }).click();
    await shows(page, 'RECEIVED');
    const claimed = (await events()).find((e) => e.type === 'coupon-receiver:claim');
    expect(claimed?.detail).toMatchObject({ result: 'RECEIVED', coupon_code: expect.stringMatching(/^\d{22}$/) });
    expect(claimed?.detail).not.toHaveProperty('user_coupon_bundle_id');
    expect((await c.store.getStock(s.stockId, '1970-01-01'))?.totalCount).toBe(1);

    const again = await open(await preSendSingleToken(c, s, 'o-browser-single', 'BROWSER_SINGLE_001'));
    await shows(again, 'ALREADY_RECEIVED');
    await screenshot(again, 'e2e-single-already-received');
  });

  it('a sold-out bundle shows 商品已抢光', async () => {
    const s = await seedBundle(c, { maxCount: 1 });
    const first = await preSendToken(c, s, 'o-early', 'SOLDOUT_01');
    const late = await preSendToken(c, s, 'o-late', 'SOLDOUT_02');
    expect((await claim(c, first)).result).toBe('RECEIVED');
    const page = await open(late);
    await shows(page, 'SOLD_OUT');
    await expect(page.getByText('商品已抢光').first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'e2e-sold-out');
  });

  it('a forged token shows 获取数据失败', async () => {
    const page = await open('forged-token-value');
    await expect(page.getByText('获取数据失败').first().isVisible({ timeout: 5000 })).resolves.toBe(true);
  });

  it('the demo page works under the same policy, and no page ran into it (D-44)', async () => {
    const page = await newMobilePage(browser);
    watchCsp(page);
    await page.goto(`${c.baseURL}component/demo`);
    await page.locator('#openid').fill('o-csp-demo');
    await page.locator('#submit').click();
    // demo.js answers the submit either way (a component in #stage, or the reason in #error): it ran.
    await page.locator('#stage coupon-receiver, #error:not(:empty)').first().waitFor();
    expect(cspViolations).toEqual([]);
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCatalog } from '../../src/services/catalog/demo.js';
import { type Running, startCoupond } from '../harness.js';
import { launchBrowser, newMobilePage, screenshot, skipBrowser } from './browser.js';

/** `/component/demo` when `serve` runs on another address than `init` used (D-64). */
describe.skipIf(skipBrowser)('component demo page', () => {
  let c: Running;
  let browser: Browser;
  beforeAll(async () => {
    c = await startCoupond();
    await createDemoCatalog(c.deps, 'http://127.0.0.1:9/');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it("shows the demo coupon's images from this server and keeps the action bar off the amount chips", async () => {
    const page = await newMobilePage(browser);
    await page.goto(`${c.baseURL}component/demo`);
    await page.fill('#openid', 'o-demo-page');
    await page.click('#submit');
    const receiver = page.locator('coupon-receiver[data-state="READY"]');
    await receiver.waitFor();
    await expect
      .poll(() => receiver.evaluate((el) => [...el.shadowRoot!.querySelectorAll('img')].every((i) => i.complete)))
      .toBe(true);
    const images = await receiver.evaluate((el) =>
      [...el.shadowRoot!.querySelectorAll('img')].map((img) => ({ src: img.src, loaded: img.naturalWidth > 0 })),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.src.startsWith(`${c.baseURL}component/assets/demo/`)).toBe(true);
      expect(image.loaded).toBe(true);
    }
    for (const y of [0, 200, 400, 600, 800]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const covered = await receiver.evaluate((el) =>
        [...el.shadowRoot!.querySelectorAll('.rules li')].some((chip) => {
          const box = chip.getBoundingClientRect();
          if (box.bottom < 0 || box.top > innerHeight) return false;
          const hit = el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return hit !== null && !chip.contains(hit);
        }),
      );
      expect(covered, `a chip is covered at scroll ${y}`).toBe(false);
    }
    await screenshot(page, 'demo-page-ready');
  });

  it('offers the demo single coupon: the user receives it in the page', async () => {
    const page = await newMobilePage(browser);
    await page.goto(`${c.baseURL}component/demo`);
    await page.fill('#openid', 'o-demo-single');
    await page.selectOption('#usage_mode', 'SINGLE');
    await page.click('#submit');
    const receiver = page.locator('coupon-receiver[data-state="READY"]');
    await receiver.waitFor();
    await expect(page.getByText('精品咖啡单次立减券').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('单券 · 可使用1次').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: '立即领取', exact: true }).click();
    await page.locator('coupon-receiver[data-state="RECEIVED"]').waitFor();
    const stockId = await c.store.getSetting('demo_single_stock_id');
    expect((await c.store.getStock(stockId!, '1970-01-01'))?.totalCount).toBe(1);
    await screenshot(page, 'demo-page-single-received');
  });
});

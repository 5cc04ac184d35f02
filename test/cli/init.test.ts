import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialsPath, initDataFolder } from '../../src/cli/data-folder.js';

const dir = mkdtempSync(join(tmpdir(), 'coupond-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('coupond init', () => {
  it('writes the demo bundle and the demo single coupon into credentials.json, the same ids on a second run', async () => {
    const first = await initDataFolder(dir, 'http://127.0.0.1:8080/');
    expect(first).toMatchObject({
      product_coupon_id: expect.any(String),
      stock_bundle_id: expect.any(String),
      single_product_coupon_id: expect.any(String),
      single_stock_id: `${first.single_product_coupon_id}001`,
    });
    const again = await initDataFolder(dir, 'http://127.0.0.1:8080/');
    expect(again).toEqual(first);
    expect(JSON.parse(readFileSync(credentialsPath(dir), 'utf8'))).toEqual(first);
  });
});

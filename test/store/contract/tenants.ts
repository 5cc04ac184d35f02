import { describe, expect, it } from 'vitest';
import type { MerchantRecord } from '../../../src/store/tenants.js';
import { AT } from '../../fixtures/catalog.js';
import { LATER, type StoreContext } from './fixtures.js';

const merchant = (mchid: string, createdAt = AT): MerchantRecord => ({
  mchid,
  name: `商户 ${mchid}`,
  apiv3Key: 'k'.repeat(32),
  notifyUrl: null,
  notifyUpdatedAt: null,
  createdAt,
});

export function tenantContract(ctx: StoreContext): void {
  describe('tenants', () => {
    it('settings: initSetting keeps the first value', async () => {
      const { store } = ctx;
      expect(await store.getSetting('admin_token')).toBeNull();
      expect(await store.initSetting('admin_token', 'first')).toBe('first');
      expect(await store.initSetting('admin_token', 'second')).toBe('first');
      expect(await store.getSetting('admin_token')).toBe('first');
    });

    it('settings: putSetting creates, then replaces the value', async () => {
      const { store } = ctx;
      await store.putSetting('sandbox_test_clock', 'a');
      await store.putSetting('sandbox_test_clock', 'b');
      expect(await store.getSetting('sandbox_test_clock')).toBe('b');
    });

    it('platform key: initPlatformKey keeps the first key, also when called concurrently', async () => {
      const { store } = ctx;
      expect(await store.getPlatformKey()).toBeNull();
      const key = (n: number) => ({
        keyId: `PUB_KEY_ID_${n}`,
        privateKeyPem: `p${n}`,
        publicKeyPem: `q${n}`,
        createdAt: AT,
      });
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => store.initPlatformKey(key(n))));
      expect(new Set(results.map((r) => r.keyId)).size).toBe(1);
      expect(await store.getPlatformKey()).toEqual(results[0]);
      expect(await store.initPlatformKey(key(9))).toEqual(results[0]);
    });

    it('merchants: insert once, read, list in creation order, set the notify URL', async () => {
      const { store } = ctx;
      expect(await store.insertMerchant(merchant('1900000002', LATER))).toBe(true);
      expect(await store.insertMerchant(merchant('1900000001'))).toBe(true);
      expect(await store.insertMerchant({ ...merchant('1900000001'), name: 'other' })).toBe(false);
      expect(await store.getMerchant('1900000001')).toEqual(merchant('1900000001'));
      expect(await store.getMerchant('1900000009')).toBeNull();
      expect((await store.listMerchants()).map((m) => m.mchid)).toEqual(['1900000001', '1900000002']);
      await store.setNotifyUrl('1900000001', 'https://example.com/notify', LATER);
      expect(await store.getMerchant('1900000001')).toMatchObject({
        notifyUrl: 'https://example.com/notify',
        notifyUpdatedAt: LATER,
      });
    });

    it('merchant keys: insert once per (mchid, serial), read by both', async () => {
      const { store } = ctx;
      await store.insertMerchant(merchant('1900000001'));
      const key = { mchid: '1900000001', serialNo: 'A'.repeat(40), publicKeyPem: 'pem', createdAt: AT };
      expect(await store.insertMerchantKey(key)).toBe(true);
      expect(await store.insertMerchantKey({ ...key, publicKeyPem: 'other' })).toBe(false);
      expect(await store.getMerchantKey('1900000001', 'A'.repeat(40))).toEqual(key);
      expect(await store.getMerchantKey('1900000001', 'B'.repeat(40))).toBeNull();
    });

    it('brands and authorizations', async () => {
      const { store } = ctx;
      await store.insertMerchant(merchant('1900000001'));
      const brand = { brandId: '120344', name: '品牌', secret: 's', createdAt: AT };
      expect(await store.insertBrand(brand)).toBe(true);
      expect(await store.insertBrand({ ...brand, name: 'other' })).toBe(false);
      expect(await store.getBrand('120344')).toEqual(brand);
      expect(await store.getBrand('999')).toBeNull();
      expect(await store.isBrandAuthorized('120344', '1900000001')).toBe(false);
      await store.authorizeBrand('120344', '1900000001', AT);
      await store.authorizeBrand('120344', '1900000001', LATER);
      expect(await store.isBrandAuthorized('120344', '1900000001')).toBe(true);
    });

    it('AppIDs are upserted; unionids are set and replaced', async () => {
      const { store } = ctx;
      await store.upsertAppId({ appid: 'wx1', ownerType: 'MERCHANT', ownerId: '1900000001' });
      await store.upsertAppId({ appid: 'wx1', ownerType: 'BRAND', ownerId: '120344' });
      expect(await store.getAppId('wx1')).toEqual({ appid: 'wx1', ownerType: 'BRAND', ownerId: '120344' });
      expect(await store.getAppId('wx2')).toBeNull();
      expect(await store.getUnionId('120344', 'o1')).toBeNull();
      expect(await store.brandHasUnionIds('120344')).toBe(false);
      await store.setUnionId('120344', 'o1', 'u1');
      expect(await store.brandHasUnionIds('120344')).toBe(true);
      expect(await store.brandHasUnionIds('999')).toBe(false);
      await store.setUnionId('120344', 'o1', 'u2');
      expect(await store.getUnionId('120344', 'o1')).toBe('u2');
      expect(await store.getUnionId('999', 'o1')).toBeNull();
    });

    it('ping answers', async () => {
      await expect(ctx.store.ping()).resolves.toBeUndefined();
    });
  });

  describe('nonces (D-17)', () => {
    const t = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 2, 0, seconds));

    it('refuses a replay within the window, per merchant', async () => {
      const { store } = ctx;
      expect(await store.rememberNonce('m1', 'n1', t(0), t(300))).toBe(true);
      expect(await store.rememberNonce('m1', 'n1', t(1), t(301))).toBe(false);
      expect(await store.rememberNonce('m1', 'n1', t(299), t(599))).toBe(false);
      expect(await store.rememberNonce('m2', 'n1', t(1), t(301))).toBe(true);
      expect(await store.rememberNonce('m1', 'n2', t(1), t(301))).toBe(true);
    });

    it('accepts the pair again once it expired, then remembers it anew', async () => {
      const { store } = ctx;
      expect(await store.rememberNonce('m1', 'n1', t(0), t(300))).toBe(true);
      expect(await store.rememberNonce('m1', 'n1', t(301), t(601))).toBe(true);
      expect(await store.rememberNonce('m1', 'n1', t(400), t(700))).toBe(false);
    });

    it('accepts exactly one of many concurrent uses of a pair', async () => {
      const { store } = ctx;
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.rememberNonce('m1', 'same', t(0), t(300))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps working past many expired pairs', async () => {
      const { store } = ctx;
      for (let i = 0; i < 150; i++) expect(await store.rememberNonce('m1', `old${i}`, t(i), t(i + 1))).toBe(true);
      expect(await store.rememberNonce('m1', 'old0', t(1000), t(1300))).toBe(true);
      expect(await store.rememberNonce('m1', 'old149', t(1000), t(1300))).toBe(true);
      expect(await store.rememberNonce('m1', 'old149', t(1001), t(1301))).toBe(false);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { AT, BRAND, createCatalog, MCHID, request } from '../../fixtures/catalog.js';
import { DAY, type StoreContext } from './fixtures.js';
import { confirm, iso, issue, nextRound, recordAttempt, transition, USE } from './lifecycle-fixtures.js';

/** Sandbox reset (D-20). */
export function lifecycleWipeContract(ctx: StoreContext): void {
  describe('wipeBusinessData', () => {
    it('deletes catalog, issuance, lifecycle and outbox records; tenants and keys stay', async () => {
      const { store } = ctx;
      const merchant = {
        mchid: MCHID,
        name: '商户',
        apiv3Key: 'k'.repeat(32),
        notifyUrl: 'https://merchant.example.com/notify',
        notifyUpdatedAt: AT,
        createdAt: AT,
      };
      const key = { serialNo: 'A'.repeat(40), mchid: MCHID, publicKeyPem: 'pem', createdAt: AT };
      const brand = { brandId: BRAND, name: '品牌', secret: 's', createdAt: AT };
      const platform = { keyId: 'PUB_KEY_ID_1', privateKeyPem: 'p', publicKeyPem: 'q', createdAt: AT };
      await store.insertMerchant(merchant);
      await store.insertMerchantKey(key);
      await store.insertBrand(brand);
      await store.authorizeBrand(BRAND, MCHID, AT);
      await store.upsertAppId({ appid: 'wx1', ownerType: 'MERCHANT', ownerId: MCHID });
      await store.initPlatformKey(platform);
      await store.initSetting('admin_token', 't');

      const issued = await issue(store);
      const effective = await confirm(store, issued.coupon);
      const next = nextRound(issued, effective);
      const use = { transition: transition(effective, 'USED'), userCouponBundleId: issued.bundleId, next };
      const useRequest = request(USE);
      await store.useUserCoupon(useRequest, use);
      const eventId = issued.command.event.eventId;
      await store.claimDueEvents(iso(10 ** 9), iso(0), iso(30), 10);
      await recordAttempt(
        store,
        {
          eventId,
          attempt: 1,
          url: merchant.notifyUrl,
          requestId: 'r',
          startedAt: iso(1),
          durationMs: 1,
          status: 200,
          error: null,
          response: '',
        },
        { state: 'DELIVERED', nextAttemptAt: iso(1), deliveredAt: iso(1) },
        iso(30),
      );
      const i = issued.command.issuance;
      const [s0, s1] = issued.stocks.map((s) => s.stockId);

      await store.wipeBusinessData();

      expect(await store.getProductCoupon(issued.catalog.coupon.productCouponId)).toBeNull();
      expect(await store.getStockBundle(issued.catalog.bundle.stockBundleId)).toBeNull();
      expect(await store.getStock(s0!, DAY)).toBeNull();
      expect(await store.getUserCount(s1!, effective.userKey)).toBe(0);
      expect(await store.getIssuance(i.mchid, i.brandId, i.sendRequestNo)).toBeNull();
      expect(await store.getUserCouponBundle(issued.bundleId)).toBeNull();
      expect(await store.getUserCoupon(next.coupon.couponCode)).toBeNull();
      expect(await store.getRequestRecord(useRequest)).toBeNull();
      expect(await store.getDelivery(eventId)).toBeNull();
      expect(await store.listDeliveries({ offset: 0, limit: 10 })).toEqual({ deliveries: [], total: 0 });
      expect(await store.listDeliveryAttempts([eventId])).toEqual([]);

      expect(await store.getMerchant(MCHID)).toEqual(merchant);
      expect(await store.getMerchantKey(MCHID, key.serialNo)).toEqual(key);
      expect(await store.getBrand(BRAND)).toEqual(brand);
      expect(await store.isBrandAuthorized(BRAND, MCHID)).toBe(true);
      expect(await store.getAppId('wx1')).toEqual({ appid: 'wx1', ownerType: 'MERCHANT', ownerId: MCHID });
      expect(await store.getPlatformKey()).toEqual(platform);
      expect(await store.getSetting('admin_token')).toBe('t');

      const again = await createCatalog(store);
      expect((await issue(store, again)).coupon.index).toBe(0);
    });
  });
}

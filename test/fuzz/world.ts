import { generateKeyPairSync } from 'node:crypto';
import { toRfc3339 } from '../../src/domain/clock.js';
import { createDemoCatalog } from '../../src/services/catalog/demo.js';
import { bundleInput, createBody, createCoupon, no, seedSingle, setNotifyUrl } from '../catalog/helpers.js';
import type { Seeded } from '../fixtures/catalog.js';
import type { Running } from '../harness.js';
import { preSendToken, SEND_SINGLE, type SeededSingle, singleBody } from '../issuance/helpers.js';
import { confirmBody, couponRef, sendBundle } from '../lifecycle/helpers.js';
import { registerStores, storeList } from '../stores/helpers.js';
import type { Example } from './requests.js';
import type { World } from './schema-arbitrary.js';
import { LiveValue } from './values.js';

/** A coupon issued before the run, with what a single-coupon call needs to address it. */
interface IssuedCoupon {
  openid: string;
  code: string;
  bundleId: string;
  catalog: Seeded;
}

/** What exists on the server when fuzzing starts: real ids for valid requests to reach past "not found". */
export interface Facts {
  /** Two bundles to issue from: one with tight caps (total, per day, per user), one roomy. */
  tight: Seeded;
  roomy: Seeded;
  /** An UPLOAD-mode bundle whose stocks take codes uploaded before and during the run. */
  pool: Seeded;
  /** A product coupon reserved for deactivation, so the others keep issuing. */
  victim: Seeded;
  /** A `SPECIFIC` product coupon for the store APIs, and the stores registered to the brand. */
  spots: Seeded;
  /** A single-mode product coupon with tight caps, for 向用户发放商品券 and 向用户预发放商品券. */
  single: SeededSingle;
  /** A single-mode stock reserved for 失效商品券批次, and coupons it issued before, for 失效用户商品券. */
  doomed: SeededSingle;
  doomedCoupons: { openid: string; code: string }[];
  stores: string[];
  coupons: IssuedCoupon[];
  tokens: string[];
  /** Tokens pre-sent during the run, newest last: claims and previews draw on them (`learn`). */
  liveTokens: string[];
  sendRequestNos: string[];
  notifyUrl: string;
  /** An image generation task the seeding submitted. */
  imageTaskId: string;
  world: World;
}

const OPENIDS = ['oFuzz_1', 'oFuzz_2', 'oFuzz_3', 'oFuzz-4'];
const TOKEN_OPENIDS = ['oFuzz_5', 'oFuzz_6', 'oFuzz_7'];

/** Creates a product coupon through the API and returns its ids. */
export const seeded = async (c: Running, o: Parameters<typeof createCoupon>[1]): Promise<Seeded> => {
  const created = await createCoupon(c, o);
  return {
    productCouponId: created.product_coupon_id,
    stockBundleId: created.stock_bundle!.stock_bundle_id,
    stockIds: created.stock_bundle!.stock_list.map((s) => s.stock_id),
  };
};

/** Sets the notify URL to the sandbox sink, creates three product coupons, issues and confirms a few coupons. */
export async function seedFacts(c: Running): Promise<Facts> {
  const notifyUrl = `${c.baseURL}sandbox/v1/notify-sink`;
  await setNotifyUrl(c, notifyUrl);
  await createDemoCatalog(c.deps, c.baseURL);
  const tight = await seeded(c, { maxCount: 60, maxCountPerDay: 45, maxCountPerUser: 3 });
  const roomy = await seeded(c, { maxCount: 100_000, maxCountPerUser: 100 });
  const victim = await seeded(c, {});
  const spots = await seeded(c, { storeScope: 'SPECIFIC' });
  const single = await seedSingle(c, { maxCount: 60, maxCountPerDay: 45, maxCountPerUser: 3 });
  const doomed = await seedSingle(c);
  const doomedCoupons = [];
  for (const openid of OPENIDS) {
    const res = await c.send('POST', SEND_SINGLE(openid), singleBody(c, doomed, no('FUZZSINGLE')));
    doomedCoupons.push({ openid, code: ((await res.json()) as { coupon_code: string }).coupon_code });
  }
  const stores = await registerStores(c, 8);
  const pool = await seeded(c, { codeMode: 'UPLOAD', maxCount: 100_000, maxCountPerUser: 100 });
  await c.send(
    'POST',
    `${PREFIX}/product-coupons/${pool.productCouponId}/stocks/${pool.stockIds[0]}/upload-coupon-codes`,
    {
      out_request_no: no('FUZZCODES'),
      code_list: Array.from({ length: 20 }, (_, n) => `${pool.productCouponId}_seed_${n}`),
      brand_id: c.merchant.brandId,
    },
  );
  const imageTaskId = no('FUZZIMG');
  await c.send('POST', `${PREFIX}/image-generation-tasks`, imageTaskBody(c, imageTaskId));
  const coupons: IssuedCoupon[] = [];
  for (const catalog of [tight, roomy])
    for (const openid of OPENIDS) {
      const sent = await sendBundle(c, catalog, openid);
      coupons.push({ openid, code: sent.code0, bundleId: sent.bundleId, catalog });
    }
  for (const coupon of coupons.filter((_, i) => i % 2 === 0))
    await c.send('POST', couponPath(coupon, 'confirm'), confirmBody(c, coupon.catalog, 0));
  const sendRequestNos: string[] = [];
  const tokens: string[] = [];
  const liveTokens: string[] = [];
  for (const openid of TOKEN_OPENIDS) {
    const number = no('FUZZSEED');
    sendRequestNos.push(number);
    tokens.push(await preSendToken(c, tight, openid, number));
  }
  const world: World = new Map<string, readonly unknown[]>([
    ['product_coupon_id', [tight.productCouponId, roomy.productCouponId, pool.productCouponId]],
    ['stock_bundle_id', [tight.stockBundleId, roomy.stockBundleId, pool.stockBundleId]],
    ['stock_id', [...tight.stockIds, ...roomy.stockIds, ...pool.stockIds]],
    ['coupon_code', coupons.map((x) => x.code)],
    ['user_coupon_bundle_id', coupons.map((x) => x.bundleId)],
    ['openid', [...OPENIDS, ...TOKEN_OPENIDS]],
    ['appid', [c.merchant.appid]],
    ['notify_appid', [c.merchant.appid]],
    ['mini_program_appid', [c.merchant.appid]],
    ['brand_id', [c.merchant.brandId]],
    ['store_id', stores],
    ['mchid', [c.merchant.mchid]],
    ['notify_url', [notifyUrl]],
    ['token', [...tokens, ...Array.from({ length: 8 }, (_, i) => new LiveValue(liveTokens, i, tokens[0]!))]],
    ['send_request_no', sendRequestNos],
    ['task_id', [imageTaskId]],
    ['event_id', await eventIds(c)],
    [
      'public_key',
      [generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' })],
    ],
  ]);
  return {
    tight,
    roomy,
    pool,
    victim,
    spots,
    single,
    doomed,
    doomedCoupons,
    stores,
    coupons,
    tokens,
    liveTokens,
    sendRequestNos,
    notifyUrl,
    world,
    imageTaskId,
  };
}

/** A 拼图 task: 满100减20 in the brand's colour. */
const imageTaskBody = (c: Running, taskId: string) => ({
  brand_id: c.merchant.brandId,
  task_id: taskId,
  image_generation_type: 'COMBINE_IMAGE',
  combine_image: {
    scope: 'ALL',
    type: 'NORMAL',
    usage_mode: 'SINGLE',
    normal_coupon: { threshold: 10000, discount_amount: 2000 },
    background_color: '#FF5733',
  },
});

const KEEP_TOKENS = 64;

/** Keeps what a successful answer created for later requests to use: pre-sent tokens, to be claimed. */
export function learn(facts: Facts, routeName: string, status: number, text: string): void {
  if ((routeName !== 'preSendCouponBundle' && routeName !== 'preSendCoupon') || status !== 200) return;
  facts.liveTokens.push((JSON.parse(text) as { token: string }).token);
  if (facts.liveTokens.length > KEEP_TOKENS) facts.liveTokens.shift();
}

/** The callbacks the seeding queued, for the webhook log's redeliver routes. */
async function eventIds(c: Running): Promise<string[]> {
  const res = await fetch(`${c.baseURL}admin/v1/webhooks`, { headers: { Authorization: `Bearer ${c.adminToken}` } });
  const { data } = (await res.json()) as { data: { event_id: string }[] };
  return data.map((d) => d.event_id);
}

const PREFIX = '/v3/marketing/partner/product-coupon';
const couponPath = (x: IssuedCoupon, action: string) => `${PREFIX}/users/${x.openid}/coupons/${x.code}/${action}`;

/** Coherent requests per /v3 endpoint, by endpoint name: each addresses something that exists. */
export function v3Examples(c: Running, f: Facts): Record<string, Example[]> {
  const brand = { brand_id: c.merchant.brandId };
  const pc = (s: Seeded) => ({ product_coupon_id: s.productCouponId });
  const bundle = (s: Seeded) => ({ ...pc(s), stock_bundle_id: s.stockBundleId });
  const userCoupon = (x: IssuedCoupon) => ({ openid: x.openid, coupon_code: x.code });
  const issue = (s: Seeded) =>
    OPENIDS.map((openid) => ({
      params: { openid },
      body: { ...bundle(s), appid: c.merchant.appid, send_request_no: 'fresh', ...brand },
    }));
  const single = (s: SeededSingle) =>
    OPENIDS.map((openid) => ({
      params: { openid },
      body: { ...singleBody(c, s, 'fresh'), ...brand },
    }));
  const onCoupons = (body: (x: IssuedCoupon) => Record<string, unknown>) =>
    f.coupons.map((x) => ({ params: userCoupon(x), body: body(x) }));
  const created = createBody(c, { maxCount: 50 });
  const spot = { ...pc(f.spots), stock_id: f.spots.stockIds[0] };
  return {
    setNotifyConfig: [{ body: { notify_url: f.notifyUrl } }],
    createProductCoupon: [{ body: created }],
    getProductCoupon: [{ params: pc(f.tight), query: brand }],
    modifyProductCoupon: [
      { params: pc(f.tight), body: { out_request_no: 'fresh', display_info: created.display_info, ...brand } },
    ],
    deactivateProductCoupon: [
      { params: pc(f.victim), body: { out_request_no: 'fresh', deactivate_reason: '商品下线', ...brand } },
    ],
    addStockBundle: [
      { params: pc(f.roomy), body: { out_request_no: 'fresh', stock_bundle: bundleInput(c), ...brand } },
    ],
    modifyStockBundle: [{ params: bundle(f.tight), body: { out_request_no: 'fresh', remark: '改', ...brand } }],
    updateStockBundleBudget: [
      {
        params: bundle(f.tight),
        body: {
          out_request_no: 'fresh',
          update_mode: 'MAX_COUNT',
          current_max_count: 60,
          target_max_count: 70,
          ...brand,
        },
      },
    ],
    listStocks: [{ params: pc(f.tight), query: { ...brand, page_size: 10 } }],
    associateBundleStores: [
      { params: bundle(f.spots), body: { store_list: storeList(f.stores.slice(0, 5)), ...brand } },
    ],
    disassociateBundleStores: [
      { params: bundle(f.spots), body: { store_list: storeList(f.stores.slice(3)), ...brand } },
    ],
    associateStockStores: [{ params: spot, body: { store_list: storeList(f.stores), ...brand } }],
    disassociateStockStores: [{ params: spot, body: { store_list: storeList(f.stores), ...brand } }],
    listAssociatedStores: [{ params: spot, query: { ...brand, page_size: 3 } }],
    getStock: [{ params: { ...pc(f.tight), stock_id: f.tight.stockIds[0] }, query: brand }],
    uploadCouponCodes: f.pool.stockIds.slice(0, 2).map((stock_id, round) => ({
      params: { ...pc(f.pool), stock_id },
      body: { out_request_no: 'fresh', code_list: [`fz${round}_${Date.now().toString(36)}`, 'dup', 'dup'], ...brand },
    })),
    preSendCouponBundle: [...issue(f.tight), ...issue(f.roomy), ...issue(f.pool)],
    sendCouponBundle: [...issue(f.tight), ...issue(f.roomy), ...issue(f.pool)],
    deactivateStock: [
      {
        params: { product_coupon_id: f.doomed.productCouponId, stock_id: f.doomed.stockId },
        body: { out_request_no: 'fresh', deactivate_reason: '批次下线', ...brand },
      },
    ],
    deactivateUserCoupon: [
      ...f.doomedCoupons.map((x) => ({
        openid: x.openid,
        code: x.code,
        ref: { product_coupon_id: f.doomed.productCouponId, stock_id: f.doomed.stockId },
      })),
      ...f.coupons.slice(0, 2).map((x) => ({ openid: x.openid, code: x.code, ref: couponRef(c, x.catalog, 0) })),
    ].map((x) => ({
      params: { openid: x.openid, coupon_code: x.code },
      body: { ...x.ref, appid: c.merchant.appid, out_request_no: 'fresh', deactivate_reason: '测试', ...brand },
    })),
    preSendCoupon: single(f.single),
    sendCoupon: single(f.single),
    getUserCoupon: f.coupons.map((x) => ({ params: userCoupon(x), query: couponRef(c, x.catalog, 0) })),
    listUserCoupons: OPENIDS.map((openid) => ({
      params: { openid },
      query: { appid: c.merchant.appid, ...brand, page_size: 5 },
    })),
    confirmUserCoupon: onCoupons((x) => confirmBody(c, x.catalog, 0)),
    useUserCoupon: onCoupons((x) => ({
      ...couponRef(c, x.catalog, 0),
      use_time: toRfc3339(c.clock.now()),
      out_request_no: 'fresh',
      associated_order_info: { transaction_id: '4200000000000000000000000001' },
    })),
    returnUserCoupon: onCoupons((x) => ({ ...couponRef(c, x.catalog, 0), out_request_no: 'fresh' })),
    deactivateUserCouponBundle: f.coupons
      .filter((_, i) => i % 3 === 0)
      .map((x) => ({
        params: { openid: x.openid, user_coupon_bundle_id: x.bundleId },
        body: {
          ...bundle(x.catalog),
          appid: c.merchant.appid,
          out_request_no: 'fresh',
          deactivate_reason: '测试',
          ...brand,
        },
      })),
    createImageGenerationTask: [{ body: imageTaskBody(c, 'fresh') }],
    getImageGenerationTask: [
      { params: { task_id: f.imageTaskId }, query: { ...brand, image_generation_type: 'COMBINE_IMAGE' } },
    ],
  };
}

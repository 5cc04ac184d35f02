import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductCouponT } from '../../src/services/catalog/types.js';
import type { Store } from '../../src/store/port.js';
import { openDefaultStore, type Running, startCoupond } from '../harness.js';
import { createCoupon, type ErrorBody, getStock, json, no, paths, type StockBundleT, setNotifyUrl } from './helpers.js';

type Write = 'deactivateProductCoupon' | 'updateProductCoupon' | 'updateStocksData';
interface Waiting {
  write: Write;
  go: () => void;
  done: Promise<unknown>;
}

/**
 * Holds the catalog writes back until `count` of them arrived, so every request has checked the state and planned
 * its change before any of them commits; then lets `first` commit alone, and the others after it.
 */
function gated(store: Store) {
  let held: { count: number; first: Write; waiting: Waiting[] } | null = null;
  async function release(waiting: Waiting[], first: Write) {
    const leader = waiting.find((w) => w.write === first)!;
    leader.go();
    await leader.done.catch(() => undefined);
    for (const w of waiting) if (w !== leader) w.go();
  }
  const gate =
    (write: Write) =>
    (...args: unknown[]): Promise<unknown> => {
      const call = () => (store[write] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
      const g = held;
      if (!g) return call();
      let go = () => {};
      const done = new Promise<void>((resolve) => {
        go = resolve;
      }).then(call);
      g.waiting.push({ write, go, done });
      if (g.waiting.length === g.count) {
        held = null;
        void release(g.waiting, g.first);
      }
      return done;
    };
  const writes = new Map<PropertyKey, unknown>(
    (['deactivateProductCoupon', 'updateProductCoupon', 'updateStocksData'] as const).map((w) => [w, gate(w)]),
  );
  return {
    store: new Proxy(store, { get: (target, key) => writes.get(key) ?? Reflect.get(target, key) }),
    hold: (count: number, first: Write) => {
      held = { count, first, waiting: [] };
    },
  };
}

let c: Running;
let gate: ReturnType<typeof gated>;
beforeAll(async () => {
  gate = gated(await openDefaultStore());
  c = await startCoupond({ store: gate.store });
  await setNotifyUrl(c);
});
afterAll(() => c.close());

const NO_LONGER_EFFECTIVE =
  '传入参数不符合业务规则：商品券当前状态为 DEACTIVATED，仅 EFFECTIVE 状态的商品券可以执行此操作';
const refusedAs = (message: string) => ({ status: 400, body: { code: 'INVALID_REQUEST', message } });

async function answer<T>(res: Response) {
  return { status: res.status, body: (await res.json()) as T & ErrorBody };
}

const deactivate = (id: string, i: number) =>
  c
    .send('POST', paths.deactivate(id), {
      out_request_no: no(`DEACT${i}`),
      brand_id: c.merchant.brandId,
      deactivate_reason: `失效原因 ${i}`,
    })
    .then(answer<ProductCouponT>);

const getCoupon = (id: string) => c.send('GET', paths.coupon(id, c.merchant.brandId)).then(json<ProductCouponT>);

describe('失效商品券 racing itself and the modifies (D-108)', () => {
  it('10 deactivations with distinct numbers, all planned before any commits: exactly one wins', async () => {
    const created = await createCoupon(c);
    const id = created.product_coupon_id;
    gate.hold(10, 'deactivateProductCoupon');
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => deactivate(id, i)));
    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a).toEqual(refusedAs(NO_LONGER_EFFECTIVE));
    const won = winners[0]!.body;
    expect(await getCoupon(id)).toEqual(won);
    for (const index of [0, 1, 2])
      expect(await getStock(c, created, index)).toMatchObject({
        state: 'DEACTIVATED',
        deactivate_request_no: won.deactivate_request_no,
        deactivate_reason: won.deactivate_reason,
      });
  });

  it('10 deactivations with distinct numbers sent at once: exactly one wins', async () => {
    const created = await createCoupon(c);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => deactivate(created.product_coupon_id, i)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a).toEqual(refusedAs(NO_LONGER_EFFECTIVE));
  });

  for (const first of ['deactivateProductCoupon', 'updateProductCoupon'] as const)
    it(`修改商品券 planned while EFFECTIVE, ${first} committing first: the modify answers as it stored`, async () => {
      const created = await createCoupon(c);
      const id = created.product_coupon_id;
      const display_info = { ...created.display_info, name: '改过的名称' };
      gate.hold(2, first);
      const [modified, deactivated] = await Promise.all([
        c
          .send('PATCH', paths.modify(id), { out_request_no: no('MOD'), brand_id: c.merchant.brandId, display_info })
          .then(answer<ProductCouponT>),
        deactivate(id, 0),
      ]);
      expect(deactivated.status).toBe(200);
      const stored = await getCoupon(id);
      expect(stored.state).toBe('DEACTIVATED');
      if (first === 'updateProductCoupon') {
        expect(modified.status).toBe(200);
        expect(stored.display_info).toEqual(display_info);
      } else {
        expect(modified).toEqual(refusedAs(NO_LONGER_EFFECTIVE));
        expect(stored.display_info).toEqual(created.display_info);
      }
    });

  for (const first of ['deactivateProductCoupon', 'updateStocksData'] as const)
    it(`修改商品券批次组 planned before the deactivation, ${first} committing first: answers as it stored`, async () => {
      const created = await createCoupon(c);
      const id = created.product_coupon_id;
      const bundleId = created.stock_bundle!.stock_bundle_id;
      gate.hold(2, first);
      const [modified, deactivated] = await Promise.all([
        c
          .send('PATCH', paths.bundle(id, bundleId), {
            out_request_no: no('MODB'),
            brand_id: c.merchant.brandId,
            remark: '改过的备注',
          })
          .then(answer<StockBundleT>),
        deactivate(id, 0),
      ]);
      expect(deactivated.status).toBe(200);
      const stock = await getStock(c, created, 0);
      expect(stock.state).toBe('DEACTIVATED');
      if (first === 'updateStocksData') {
        expect(modified.status).toBe(200);
        expect(stock.remark).toBe('改过的备注');
      } else {
        expect(modified).toEqual(refusedAs('传入参数不符合业务规则：批次已失效'));
        expect(stock.remark).toBe(created.stock_bundle!.stock_list[0]!.remark);
      }
    });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { seedBundle } from '../fixtures/catalog.js';
import { type Running, startCoupond } from '../harness.js';
import { addMerchant, paths, sendBundle, until } from './helpers.js';
import { CallbackReceiver } from './receiver.js';

/** A merchant's notify endpoint that takes callbacks and never answers; counts how many it holds at once. */
async function hangingReceiver() {
  const state = { open: 0, maxOpen: 0 };
  const server = createServer((req) => {
    state.open++;
    state.maxOpen = Math.max(state.maxOpen, state.open);
    req.socket.on('close', () => state.open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
});

describe('fair delivery (D-36)', () => {
  it("with merchant A's receiver hanging and 100 of A's events pending, merchant B's callback arrives within 2 s", async () => {
    const a: Running = await startCoupond({ sandbox: true });
    cleanup.push(() => a.close());
    const hanging = await hangingReceiver();
    cleanup.push(hanging.close);
    expect((await a.send('POST', paths.notify, { notify_url: hanging.url })).status).toBe(200);
    const bundle = await seedBundle(a, { maxCount: 500 });
    for (let batch = 0; batch < 5; batch++)
      await Promise.all(Array.from({ length: 20 }, (_, i) => sendBundle(a, bundle, `o-hang-${batch}-${i}`)));
    await until(() => hanging.state.open === 8);

    const b = await addMerchant(a);
    const receiver = new CallbackReceiver({
      apiv3Key: b.merchant.apiv3Key,
      platformId: b.platform.id,
      platformPublicKey: b.platform.publicKey,
    });
    cleanup.push(() => receiver.close());
    expect((await b.send('POST', paths.notify, { notify_url: await receiver.start() })).status).toBe(200);
    const sent = Date.now();
    const { code0 } = await sendBundle(b, await seedBundle(b), 'o-fair');
    const [callback] = await receiver.waitFor(1, 2_000);
    expect(callback!.at - sent).toBeLessThan(2_000);
    expect(callback!.resource?.coupon_code).toBe(code0);

    const waiting = await a.store.listDeliveries({ state: 'PENDING', mchid: a.merchant.mchid, offset: 0, limit: 1 });
    expect(waiting.total).toBe(100);
    expect(hanging.state.maxOpen).toBe(8);
  });
});

import { afterAll, beforeAll } from 'vitest';
import { Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { type Running, startCoupond } from '../harness.js';
import { CallbackReceiver, pluginVerify } from '../lifecycle/receiver.js';

/**
 * A coupond and a callback receiver that checks signatures with wechatpay-axios-plugin's own primitives, started
 * around a test file, and the unmodified plugin configured for the demo merchant.
 */
export function axiosPluginJourney() {
  const live = {} as { c: Running; receiver: CallbackReceiver };
  beforeAll(async () => {
    live.c = await startCoupond();
    live.receiver = new CallbackReceiver(
      {
        apiv3Key: live.c.merchant.apiv3Key,
        platformId: live.c.platform.id,
        platformPublicKey: live.c.platform.publicKey,
      },
      pluginVerify,
    );
    await live.receiver.start();
  });
  afterAll(async () => {
    await live.c.close();
    await live.receiver.close();
  });
  const plugin = () =>
    new Wechatpay({
      mchid: live.c.merchant.mchid,
      serial: live.c.merchant.serial,
      privateKey: live.c.merchant.privateKey,
      certs: { [live.c.platform.id]: Rsa.from(live.c.platform.publicKey, Rsa.KEY_TYPE_PUBLIC) },
      baseURL: live.c.baseURL,
    });
  return { live, plugin };
}

/** The plugin types a response like its request body; the real shape is WeChat's answer. */
export const dataOf = <T>(r: { data: unknown }) => r.data as T;

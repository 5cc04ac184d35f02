import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createBody, json, paths, setNotifyUrl } from '../catalog/helpers.js';
import { type Running, startCoupond } from '../harness.js';
import { admin, until } from '../lifecycle/helpers.js';
import { signedFetch } from '../signed-fetch.js';
import { combineBody, ended, fetchPng, TASKS_PATH, type TaskAnswer, taskPath } from './tasks.js';

interface SinkEntry {
  event_type: string;
  signature_valid: boolean;
  mchid: string;
  plaintext: TaskAnswer;
}

describe('the IMAGE_GENERATION callback (D-93)', () => {
  let c: Running;
  beforeAll(async () => {
    c = await startCoupond({ sandbox: true });
  });
  afterAll(() => c.close());

  it('is delivered encrypted and signed when the task ends, carrying what the query answers', async () => {
    await setNotifyUrl(c, `${c.baseURL}sandbox/v1/notify-sink`);
    const body = combineBody(c);
    expect((await c.send('POST', TASKS_PATH, body)).status).toBe(200);
    await admin(c, 'POST', 'sandbox/v1/clock/advance', { seconds: 5 });
    const task = await ended(c, body.task_id);
    let entries: SinkEntry[] = [];
    await until(async () => {
      entries = (await admin(c, 'GET', 'sandbox/v1/notify-sink')).body.data as SinkEntry[];
      return entries.some((e) => e.plaintext?.task_id === body.task_id);
    });
    const received = entries.find((e) => e.plaintext.task_id === body.task_id)!;
    expect(received).toMatchObject({
      event_type: 'PRODUCT_COUPON_SP.IMAGE_GENERATION',
      signature_valid: true,
      mchid: c.merchant.mchid,
    });
    expect(received.plaintext).toEqual(task);
    const log = JSON.stringify((await admin(c, 'GET', 'admin/v1/webhooks?state=DELIVERED')).body);
    expect(log).toContain('PRODUCT_COUPON_SP.IMAGE_GENERATION');
  });
});

describe('a restart while a task is pending (D-93)', () => {
  it('resumes the task from the database: a new server renders it once it is due', async () => {
    const c = await startCoupond({ sandbox: true });
    c.clock.freeze();
    const body = combineBody(c);
    expect((await c.send('POST', TASKS_PATH, body)).status).toBe(200);
    await c.app.jobs.images.run();
    await c.app.server.close();

    const next = await buildApp({ store: c.store, clock: c.clock, sandbox: true, logLevel: 'silent' });
    try {
      const address = await next.server.listen({ host: '127.0.0.1', port: 0 });
      const query = () => signedFetch(address, c.merchant, 'GET', taskPath(body.task_id, c.merchant.brandId));
      expect(await (await query()).json()).toMatchObject({ task_state: 'PROCESSING' });
      c.clock.advance(5);
      await next.jobs.clockMoved();
      const task = (await (await query()).json()) as TaskAnswer;
      expect(task.task_state).toBe('SUCCESS');
      expect(task.combine_image_result!.image_url.startsWith(`${address}/media/images/`)).toBe(true);
      expect((await fetchPng(task.combine_image_result!.image_url)).png.width).toBe(800);
    } finally {
      await next.server.close();
      await c.store.close();
    }
  });
});

describe('outside the sandbox (D-93)', () => {
  let prod: Running;
  beforeAll(async () => {
    prod = await startCoupond({ sandbox: false });
    await setNotifyUrl(prod);
  });
  afterAll(() => prod.close());

  it('completes promptly without a clock move, and create takes the generated image (D-91)', async () => {
    const body = combineBody(prod);
    expect((await prod.send('POST', TASKS_PATH, body)).status).toBe(200);
    const task = await ended(prod, body.task_id, 'COMBINE_IMAGE', 5_000);
    expect(task.task_state).toBe('SUCCESS');
    const image = task.combine_image_result!.image_url;
    const create = createBody(prod);
    const created = await json<{ display_info: { image_url: string } }>(
      await prod.send('POST', paths.create, {
        ...create,
        display_info: { ...create.display_info, image_url: image, background_url: image },
      }),
    );
    expect(created.display_info.image_url).toBe(image);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable } from '../store/postgres-database.js';
import { type Instances, startInstances } from './instances.js';

/** D-93 across processes: every instance runs the image generation job on the shared tasks. */
describe.skipIf(!(await postgresReachable()))('image generation on two coupond processes', () => {
  let m: Instances;
  beforeAll(async () => {
    m = await startInstances(2);
  }, 120_000);
  afterAll(() => m?.close());

  const body = (taskId: string, discount: number) => ({
    brand_id: m.creds.brand_id,
    task_id: taskId,
    image_generation_type: 'COMBINE_IMAGE',
    combine_image: {
      scope: 'ALL',
      type: 'NORMAL',
      usage_mode: 'SINGLE',
      normal_coupon: { threshold: 0, discount_amount: discount },
    },
  });
  const query = async (i: number, taskId: string) =>
    (await (
      await m.send(
        i,
        'GET',
        `/image-generation-tasks/${taskId}?brand_id=${m.creds.brand_id}&image_generation_type=COMBINE_IMAGE`,
      )
    ).json()) as { task_state: string; combine_image_result?: { image_url: string } };

  it('ends each task once, whichever instance took it, and every instance serves the image', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `MULTI_IMG_${i}`);
    for (const [i, id] of ids.entries())
      expect((await m.send(i % 2, 'POST', '/image-generation-tasks', body(id, 100 + i))).status).toBe(200);
    for (const id of ids) {
      let task = await query(1, id);
      for (let n = 0; n < 100 && task.task_state === 'PROCESSING'; n++) {
        await new Promise((r) => setTimeout(r, 100));
        task = await query(n % 2, id);
      }
      expect(task.task_state).toBe('SUCCESS');
      const path = new URL(task.combine_image_result!.image_url).pathname;
      for (const origin of m.origins)
        expect((await fetch(`${origin}${path}`)).headers.get('content-type')).toBe('image/png');
    }
    const { deliveries } = await m.store.listDeliveries({ limit: 200, offset: 0 });
    const events = deliveries.filter((d) => d.eventType === 'PRODUCT_COUPON_SP.IMAGE_GENERATION');
    expect(events.map((e) => (e.resource as { task_id: string }).task_id).sort()).toEqual(ids);
  }, 120_000);
});

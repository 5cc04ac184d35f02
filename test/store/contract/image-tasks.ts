import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../src/store/catalog.js';
import type { ImageTaskRecord } from '../../../src/store/image-tasks.js';
import type { StoreContext } from './fixtures.js';

const MCHID = '1900000001';
const BRAND = 'BRAND-IMG';

const request = (taskId: string, fingerprint = '{"a":1}'): RequestRecord => ({
  mchid: MCHID,
  brandId: BRAND,
  api: 'createImageGenerationTask',
  requestNo: taskId,
  fingerprint,
  status: 200,
  response: JSON.stringify({ task_id: taskId, brand_id: BRAND }),
  createdAt: '2026-01-01T00:00:00+08:00',
});

const task = (taskId: string, dueAt: string): ImageTaskRecord => ({
  mchid: MCHID,
  brandId: BRAND,
  taskId,
  type: 'COMBINE_IMAGE',
  request: {
    brand_id: BRAND,
    task_id: taskId,
    image_generation_type: 'COMBINE_IMAGE',
    combine_image: {
      scope: 'ALL',
      type: 'NORMAL',
      usage_mode: 'SINGLE',
      normal_coupon: { threshold: 0, discount_amount: 1 },
    },
  },
  origin: 'http://127.0.0.1:8080',
  state: 'PROCESSING',
  imageId: null,
  failReason: null,
  createdAt: '2026-01-01T00:00:00+08:00',
  dueAt,
  completedAt: null,
});

const key = (taskId: string) => ({ mchid: MCHID, brandId: BRAND, taskId });

/** Ends a task with an image and its event, as the image generation job does. */
function success(taskId: string, eventId: string) {
  const bytes = Buffer.from(`png of ${taskId}`);
  return {
    key: key(taskId),
    state: 'SUCCESS' as const,
    image: {
      imageId: taskId.padEnd(64, '0').slice(0, 64),
      type: 'png' as const,
      size: bytes.length,
      bytes,
      mchid: MCHID,
      createdAt: '2026-01-01T00:00:09+08:00',
    },
    failReason: null,
    completedAt: '2026-01-01T00:00:09+08:00',
    event: {
      eventId,
      mchid: MCHID,
      eventType: 'PRODUCT_COUPON_SP.IMAGE_GENERATION',
      summary: '商品券图片生成结果通知',
      resource: { task_id: taskId, task_state: 'SUCCESS' },
      createTime: '2026-01-01T00:00:09+08:00',
      nextAttemptAt: '2026-01-01T00:00:09.000Z',
    },
  };
}

export function imageTasksContract(ctx: StoreContext): void {
  describe('image generation tasks (D-93)', () => {
    it('binds the task id with the task, and a bound id changes nothing', async () => {
      const first = await ctx.store.createImageTask(request('a00001'), task('a00001', '2026-01-01T00:00:05+08:00'));
      expect(first).toEqual({ ran: true, value: undefined });
      const again = await ctx.store.createImageTask(
        request('a00001', '{"b":2}'),
        task('a00001', '2999-01-01T00:00:00+08:00'),
      );
      expect(again).toEqual({ ran: false, existing: request('a00001') });
      expect(await ctx.store.getImageTask(key('a00001'))).toEqual(task('a00001', '2026-01-01T00:00:05+08:00'));
      expect(await ctx.store.getImageTask({ ...key('a00001'), brandId: 'OTHER' })).toBeNull();
    });

    it('lists due PROCESSING tasks earliest first, and ends each exactly once with its image and event', async () => {
      await ctx.store.createImageTask(request('b00002'), task('b00002', '2026-01-01T00:00:07+08:00'));
      await ctx.store.createImageTask(request('b00001'), task('b00001', '2026-01-01T00:00:06+08:00'));
      await ctx.store.createImageTask(request('b00003'), task('b00003', '2026-01-01T00:01:00+08:00'));
      const due = await ctx.store.dueImageTasks('2026-01-01T00:00:30+08:00', 10);
      expect(due.map((t) => t.taskId).filter((id) => id.startsWith('b'))).toEqual(['b00001', 'b00002']);

      const ends = await Promise.all([
        ctx.store.completeImageTask(success('b00001', '0195c6d8-0000-7000-8000-0000000000b1')),
        ctx.store.completeImageTask(success('b00001', '0195c6d8-0000-7000-8000-0000000000b2')),
      ]);
      expect(ends.filter(Boolean)).toHaveLength(1);
      const ended = await ctx.store.getImageTask(key('b00001'));
      expect(ended).toMatchObject({ state: 'SUCCESS', imageId: success('b00001', '').image.imageId });
      expect(await ctx.store.getImage(ended!.imageId!)).toMatchObject({ type: 'png', mchid: MCHID });
      const events = await Promise.all(
        ['b1', 'b2'].map((n) => ctx.store.getDelivery(`0195c6d8-0000-7000-8000-0000000000${n}`)),
      );
      expect(events.filter((e) => e !== null)).toHaveLength(1);
      const left = await ctx.store.dueImageTasks('2026-01-01T00:00:30+08:00', 10);
      expect(left.map((t) => t.taskId)).not.toContain('b00001');
    });

    it('ends a task FAIL without an image', async () => {
      await ctx.store.createImageTask(request('c00001'), task('c00001', '2026-01-01T00:00:05+08:00'));
      const failed = {
        ...success('c00001', '0195c6d8-0000-7000-8000-0000000000c1'),
        state: 'FAIL' as const,
        image: null,
        failReason: '商品图无法解码',
      };
      expect(await ctx.store.completeImageTask(failed)).toBe(true);
      expect(await ctx.store.getImageTask(key('c00001'))).toMatchObject({
        state: 'FAIL',
        imageId: null,
        failReason: '商品图无法解码',
      });
    });
  });
}

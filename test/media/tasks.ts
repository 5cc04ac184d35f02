import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import type { Running } from '../harness.js';

export const TASKS_PATH = '/v3/marketing/partner/product-coupon/image-generation-tasks';
export const taskPath = (taskId: string, brandId: string, type = 'COMBINE_IMAGE') =>
  `${TASKS_PATH}/${taskId}?brand_id=${brandId}&image_generation_type=${type}`;

export const taskId = (prefix = 'IMG') => `${prefix}_${randomUUID().slice(0, 13)}`;

/** A COMBINE_IMAGE body: 满100减20, whole-store, in the given colour. */
export function combineBody(c: Running, id = taskId(), over: Record<string, unknown> = {}) {
  return {
    brand_id: c.merchant.brandId,
    task_id: id,
    image_generation_type: 'COMBINE_IMAGE',
    combine_image: {
      scope: 'ALL',
      type: 'NORMAL',
      usage_mode: 'SINGLE',
      normal_coupon: { threshold: 10000, discount_amount: 2000 },
      background_color: '#FF5733',
      ...over,
    },
  };
}

export const cutOutBody = (c: Running, imageUrl: string, id = taskId()) => ({
  brand_id: c.merchant.brandId,
  task_id: id,
  image_generation_type: 'CUT_OUT',
  cut_out: { image_url: imageUrl },
});

export interface TaskAnswer {
  brand_id: string;
  task_id: string;
  image_generation_type: string;
  task_state: string;
  combine_image_result?: { image_url: string };
  cut_out_result?: { image_url: string };
}

export async function queryTask(c: Running, id: string, type = 'COMBINE_IMAGE'): Promise<TaskAnswer> {
  const res = await c.send('GET', taskPath(id, c.merchant.brandId, type));
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status: 200 });
  return JSON.parse(text) as TaskAnswer;
}

/** Polls the query until the task has ended. */
export async function ended(c: Running, id: string, type = 'COMBINE_IMAGE', timeoutMs = 15_000): Promise<TaskAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await queryTask(c, id, type);
    if (task.task_state !== 'PROCESSING' || Date.now() > deadline) return task;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Fetches a served image and decodes it as PNG. */
export async function fetchPng(url: string): Promise<{ png: PNG; bytes: number; type: string | null }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { png: PNG.sync.read(bytes), bytes: bytes.length, type: res.headers.get('content-type') };
}

/** The RGBA of pixel (x, y). */
export const pixel = (png: PNG, x: number, y: number) => [
  ...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4),
];

import { describe, expect, it } from 'vitest';
import type { MediaImageRecord } from '../../../src/store/media.js';
import type { StoreContext } from './fixtures.js';

const image = (id: string, bytes: Buffer, mchid = '1900000001'): MediaImageRecord => ({
  imageId: id.repeat(64).slice(0, 64),
  type: 'png',
  size: bytes.length,
  bytes,
  mchid,
  createdAt: '2026-01-01T00:00:00+08:00',
});

export function mediaContract(ctx: StoreContext): void {
  describe('media images (D-90)', () => {
    it('keeps the bytes exactly, every byte value included', async () => {
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));
      await ctx.store.saveImage(image('a', bytes));
      const got = await ctx.store.getImage(image('a', bytes).imageId);
      expect(got).toEqual(image('a', bytes));
      expect(Buffer.isBuffer(got?.bytes)).toBe(true);
      expect(await ctx.store.getImage('b'.repeat(64))).toBeNull();
    });

    it('keeps the first record when the same bytes are saved again, also concurrently', async () => {
      const bytes = Buffer.from('same bytes');
      await Promise.all(
        ['1900000001', '1900000002', '1900000003'].map((m) => ctx.store.saveImage(image('c', bytes, m))),
      );
      const first = await ctx.store.getImage(image('c', bytes).imageId);
      await ctx.store.saveImage(image('c', bytes, '1900000009'));
      expect(await ctx.store.getImage(image('c', bytes).imageId)).toEqual(first);
    });

    it('says which ids are stored', async () => {
      await ctx.store.saveImage(image('d', Buffer.from('d')));
      const stored = image('d', Buffer.from('d')).imageId;
      expect(await ctx.store.storedImageIds([stored, 'e'.repeat(64)])).toEqual([stored]);
      expect(await ctx.store.storedImageIds([])).toEqual([]);
    });
  });
}

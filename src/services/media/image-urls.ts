import { badParam } from '../../domain/catalog/fail.js';
import { type ImageUrlField, imageUrlsIn, ownImageOf } from '../../domain/image-urls.js';
import type { ServiceDeps } from '../deps.js';

const refuse = ({ field, url }: ImageUrlField, issue: string) => badParam(field, issue, url);

/**
 * D-91: outside the sandbox every image URL of a create or modify body must be one coupond serves, as WeChat accepts
 * only URLs its upload API returned: an uploaded or generated image that is stored, or a demo asset. The sandbox
 * keeps D-24 and accepts any http(s) URL, so integrators can test with their own images.
 */
export async function checkImageUrls(deps: ServiceDeps, body: unknown): Promise<void> {
  if (deps.sandbox) return;
  const wanted = new Map<string, ImageUrlField>();
  for (const entry of imageUrlsIn(body)) {
    const own = ownImageOf(entry.url);
    if (own === null) throw refuse(entry, '图片URL须为图片上传接口返回的URL');
    if (own !== 'demo' && !wanted.has(own.imageId)) wanted.set(own.imageId, entry);
  }
  const stored = new Set(await deps.store.storedImageIds([...wanted.keys()]));
  for (const [imageId, entry] of wanted) if (!stored.has(imageId)) throw refuse(entry, '图片URL对应的图片不存在');
}

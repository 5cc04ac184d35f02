import { parseMediaImagePath } from './media.js';

/** Fields of the product-coupon family that hold an image URL (display info, combo choices, finder cover). */
const IMAGE_FIELDS = new Set(['image_url', 'background_url', 'finder_video_cover_image_url']);
const IMAGE_LISTS = new Set(['detail_image_url_list']);

export interface ImageUrlField {
  /** JSON pointer into the body. */
  field: string;
  url: string;
}

/** Every image URL of a request body, with where it is. */
export function imageUrlsIn(value: unknown, at = ''): ImageUrlField[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => imageUrlsIn(v, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const field = `${at}/${key}`;
    if (IMAGE_FIELDS.has(key) && typeof v === 'string') return [{ field, url: v }];
    if (IMAGE_LISTS.has(key) && Array.isArray(v))
      return v.flatMap((url, i) => (typeof url === 'string' ? [{ field: `${field}/${i}`, url }] : []));
    return imageUrlsIn(v, field);
  });
}

const DEMO_ASSET = /^\/component\/assets\/demo\/[a-z]+\.svg$/;

/**
 * What an image URL names on coupond (D-91): a stored image (its id), one of the demo assets (`demo`), or nothing
 * coupond serves (`null`). Only the path counts: behind a proxy coupond cannot know the host it is reached by.
 */
export function ownImageOf(url: string): { imageId: string } | 'demo' | null {
  let path: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    if (parsed.search || parsed.hash) return null;
    path = parsed.pathname;
  } catch {
    return null;
  }
  if (DEMO_ASSET.test(path)) return 'demo';
  const media = parseMediaImagePath(path);
  return media ? { imageId: media.imageId } : null;
}

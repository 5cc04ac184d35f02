import { PNG } from 'pngjs';
import { imageSize } from '../../../domain/image-size.js';
import { IMAGE_CONTENT_TYPES, type ImageType } from '../../../domain/media.js';
import { rasterise } from './rasterise.js';

/** The longest side of a cut-out; larger product photos are scaled down to it. */
const MAX_SIDE = 800;
/** How far (RGB distance) a pixel may be from the background colour and still count as background. */
const TOLERANCE = 60;
/** A result with less of the image than this kept shows no product: the task fails (D-93). */
const MIN_KEPT = 0.005;

export type CutOut = { png: Buffer } | { failure: string };

/**
 * 抠图 (CUT_OUT, D-94): the background is the colour most common along the image's border; every pixel connected to
 * the border through pixels close to that colour becomes transparent, and the rest (the product) is kept as it is.
 */
export async function cutOut(bytes: Buffer, type: ImageType): Promise<CutOut> {
  if (type === 'bmp') return { failure: '抠图只支持 JPG、PNG 格式的商品图' };
  const size = imageSize(bytes, type);
  if (!size || size.width < 1 || size.height < 1) return { failure: '商品图无法解码' };
  const scale = Math.min(1, MAX_SIDE / Math.max(size.width, size.height));
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const href = `data:${IMAGE_CONTENT_TYPES[type]};base64,${bytes.toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${href}" width="${width}" height="${height}" preserveAspectRatio="none"/></svg>`;
  const rgba = unpremultiply((await rasterise(svg, false)).pixels);
  const kept = clearBackground(rgba, width, height);
  if (kept < MIN_KEPT) return { failure: '未识别到商品主体' };
  const png = new PNG({ width, height });
  rgba.copy(png.data);
  return { png: PNG.sync.write(png) };
}

/** resvg's pixels are premultiplied by alpha; PNG stores straight colour. */
function unpremultiply(pixels: Buffer): Buffer {
  for (let i = 0; i < pixels.length; i += 4) {
    const a = pixels[i + 3]!;
    if (a === 0 || a === 255) continue;
    for (let c = 0; c < 3; c++) pixels[i + c] = Math.min(255, Math.round((pixels[i + c]! * 255) / a));
  }
  return pixels;
}

/** The border pixels' most common colour, each channel taken to its top 5 bits. */
function borderColour(rgba: Buffer, width: number, height: number): [number, number, number] {
  const counts = new Map<number, number>();
  const add = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    const key = ((rgba[i]! >> 3) << 10) | ((rgba[i + 1]! >> 3) << 5) | (rgba[i + 2]! >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (let x = 0; x < width; x++) {
    add(x, 0);
    add(x, height - 1);
  }
  for (let y = 0; y < height; y++) {
    add(0, y);
    add(width - 1, y);
  }
  const [key] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  return [((key >> 10) << 3) + 4, (((key >> 5) & 31) << 3) + 4, ((key & 31) << 3) + 4];
}

/** Flood-fills the background from the border and makes it transparent; answers the share of pixels kept. */
function clearBackground(rgba: Buffer, width: number, height: number): number {
  const [r, g, b] = borderColour(rgba, width, height);
  const isBackground = (p: number) => {
    const i = p * 4;
    if (rgba[i + 3]! < 16) return true;
    const dr = rgba[i]! - r;
    const dg = rgba[i + 1]! - g;
    const db = rgba[i + 2]! - b;
    return dr * dr + dg * dg + db * db <= TOLERANCE * TOLERANCE;
  };
  const seen = new Uint8Array(width * height);
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  const visit = (p: number) => {
    if (seen[p] || !isBackground(p)) return;
    seen[p] = 1;
    queue[tail++] = p;
  };
  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
  while (head < tail) {
    const p = queue[head++]!;
    rgba[p * 4 + 3] = 0;
    const x = p % width;
    if (x > 0) visit(p - 1);
    if (x < width - 1) visit(p + 1);
    if (p >= width) visit(p - width);
    if (p < width * (height - 1)) visit(p + width);
  }
  return 1 - tail / (width * height);
}

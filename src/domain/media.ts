import { createHash } from 'node:crypto';
import { badParam } from './catalog/fail.js';

/** WeChat's limit for an uploaded image: 2 MiB (文件大小不能超过2M). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageType = 'png' | 'jpeg' | 'bmp';

export const IMAGE_CONTENT_TYPES: Readonly<Record<ImageType, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  bmp: 'image/bmp',
};

const EXTENSIONS: Readonly<Record<ImageType, string>> = { png: 'png', jpeg: 'jpg', bmp: 'bmp' };

/** The type the bytes are, by their signature; `null` for anything but PNG, JPEG and BMP. */
function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x42, 0x4d) && bytes.length >= 26) return 'bmp';
  return null;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Where coupond serves a stored image: content-addressed, so the URL never changes what it shows (D-90). */
export const MEDIA_IMAGE_PREFIX = '/media/images/';

export const mediaImagePath = (imageId: string, type: ImageType): string =>
  `${MEDIA_IMAGE_PREFIX}${imageId}.${EXTENSIONS[type]}`;

const MEDIA_PATH = /^\/media\/images\/([0-9a-f]{64})\.(png|jpg|bmp)$/;

/** The image id and type a media path names, or `null` when it is not one. */
export function parseMediaImagePath(pathname: string): { imageId: string; type: ImageType } | null {
  const m = MEDIA_PATH.exec(pathname);
  if (!m) return null;
  const type = (Object.keys(EXTENSIONS) as ImageType[]).find((t) => EXTENSIONS[t] === m[2]);
  return type ? { imageId: m[1] as string, type } : null;
}

const IMAGE_NAME = /\.(?:jpe?g|png|bmp)$/i;

const fileError = (issue: string, field = '/file') => badParam(field, issue);

/**
 * The checks of an uploaded image after its `meta` validated (D-90): a file name ending in .jpg, .jpeg, .png or .bmp,
 * the file present, at most 2 MiB, PNG, JPEG or BMP by
 * its bytes (whatever the file name says), and the digest `meta.sha256` announced. Answers the image's type and id.
 */
export function checkUploadedImage<B extends Uint8Array>(
  file: { bytes: B; truncated: boolean } | undefined,
  meta: { filename: string; sha256: string },
): { bytes: B; type: ImageType; imageId: string } {
  if (!IMAGE_NAME.test(meta.filename)) throw fileError('图片文件名必须以JPG、BMP、PNG为后缀', '/filename');
  if (!file || file.bytes.length === 0) throw fileError('缺少媒体图片文件 file');
  if (file.truncated || file.bytes.length > MAX_IMAGE_BYTES) throw fileError('文件大小不能超过2M');
  const type = sniffImageType(file.bytes);
  if (!type) throw fileError('媒体图片只支持JPG、BMP、PNG格式');
  const imageId = sha256Hex(file.bytes);
  if (imageId !== meta.sha256.toLowerCase()) throw fileError('图片文件摘要 sha256 与文件内容不一致', '/meta/sha256');
  return { bytes: file.bytes, type, imageId };
}

import type { ImageType } from './media.js';

/** Width and height as the image's header gives them; `null` when the header is cut short or unknown. */
export function imageSize(bytes: Uint8Array, type: ImageType): { width: number; height: number } | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'png') return view.length >= 24 ? { width: view.readUInt32BE(16), height: view.readUInt32BE(20) } : null;
  if (type === 'bmp')
    return view.length >= 26 ? { width: view.readInt32LE(18), height: Math.abs(view.readInt32LE(22)) } : null;
  return jpegSize(view);
}

/** The frame header (SOF0 … SOF15 but DHT, JPG and DAC) of a JPEG. */
function jpegSize(view: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 <= view.length) {
    if (view[at] !== 0xff) return null;
    const marker = view[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = view.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { width: view.readUInt16BE(at + 7), height: view.readUInt16BE(at + 5) };
    at += 2 + length;
  }
  return null;
}

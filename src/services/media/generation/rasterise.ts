import { existsSync } from 'node:fs';
import { type RenderedImage, renderAsync } from '@resvg/resvg-js';

/** The CJK font of Debian's `fonts-wqy-microhei`, or the file `COUPOND_FONT_FILE` names (D-94). */
const DEFAULT_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const FONT_FAMILY = 'WenQuanYi Micro Hei';

/** The font file, or an error saying how to get one: without a CJK font Chinese text would render as boxes. */
function fontFile(): string {
  const file = process.env.COUPOND_FONT_FILE || DEFAULT_FONT_FILE;
  if (!existsSync(file))
    throw new Error(`font file ${file} not found: install fonts-wqy-microhei or set COUPOND_FONT_FILE`);
  return file;
}

/**
 * Rasterises an SVG in a worker thread of resvg, with only coupond's font loaded (no system fonts, so every machine
 * renders the same pixels) and no external resources: images come inline as data URLs.
 */
export function rasterise(svg: string, needsFont: boolean): Promise<RenderedImage> {
  const font = needsFont
    ? { fontFiles: [fontFile()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }
    : { loadSystemFonts: false };
  return renderAsync(svg, { font, logLevel: 'off' });
}

import { type CombineImageInput, offerText } from '../../../domain/image-generation.js';
import { FONT_FAMILY } from './rasterise.js';

/** The head image of 拼图 (COMBINE_IMAGE), laid out as docs/decisions.md D-94 says. */
const COMBINE_WIDTH = 800;
const COMBINE_HEIGHT = 400;
/** WeChat's green, for a request without `background_color`. */
const DEFAULT_BACKGROUND = '#07C160';
const MARGIN = 56;
const BRAND_NAME_CHARS = 16;

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Dark text on light backgrounds, white on dark ones (relative luminance of the sRGB colour). */
function inkFor(background: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(background.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.45 ? '#1A1A1A' : '#FFFFFF';
}

/** At most `max` characters, an ellipsis marking a cut. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The scope chip at the top right: its width follows the text (CJK characters are one em wide). */
function scopeChip(scope: string, ink: string): string {
  const size = 26;
  const width = [...scope].length * size + 36;
  const x = COMBINE_WIDTH - MARGIN - width;
  return `<rect x="${x}" y="52" width="${width}" height="46" rx="23" fill="none" stroke="${ink}" stroke-width="2"/>
<text x="${x + width / 2}" y="84" font-size="${size}" text-anchor="middle" fill="${ink}">${escapeXml(scope)}</text>`;
}

export function combineSvg(combine: CombineImageInput, brandName: string): string {
  const background = (combine.background_color ?? DEFAULT_BACKGROUND).toUpperCase();
  const ink = inkFor(background);
  const offer = offerText(combine);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${COMBINE_WIDTH}" height="${COMBINE_HEIGHT}" font-family="${FONT_FAMILY}">
<rect width="${COMBINE_WIDTH}" height="${COMBINE_HEIGHT}" fill="${background}"/>
<circle cx="${COMBINE_WIDTH - 90}" cy="${COMBINE_HEIGHT + 40}" r="190" fill="${ink}" fill-opacity="0.08"/>
<circle cx="${COMBINE_WIDTH - 20}" cy="${COMBINE_HEIGHT - 60}" r="110" fill="${ink}" fill-opacity="0.06"/>
<text x="${MARGIN}" y="88" font-size="36" fill="${ink}">${escapeXml(clip(brandName, BRAND_NAME_CHARS))}</text>
${scopeChip(offer.scope, ink)}
<text x="${MARGIN}" y="268" font-size="150" font-weight="bold" fill="${ink}">${escapeXml(offer.headline)}<tspan font-size="60" dx="10">${escapeXml(offer.unit)}</tspan></text>
<text x="${MARGIN}" y="338" font-size="36" fill="${ink}" fill-opacity="0.9">${escapeXml(offer.condition)}</text>
</svg>`;
}

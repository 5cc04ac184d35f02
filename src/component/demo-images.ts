/**
 * Images for the demo product coupon, served by coupond itself so the component renders without internet (D-24).
 * Sizes follow display_info's ratios: background 65:77, product and choices 1:1.
 */

const svg = (w: number, h: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>`;

const background = svg(
  1170,
  1326,
  `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffb385"/><stop offset="1" stop-color="#ff6a4d"/></linearGradient></defs>
<rect width="1170" height="1326" fill="url(#g)"/>
<g fill="#fff" opacity=".12"><circle cx="120" cy="160" r="180"/><circle cx="1060" cy="300" r="240"/><circle cx="900" cy="1200" r="300"/><circle cx="200" cy="1100" r="140"/></g>`,
);

/** A cup of coffee; `cup` and `drink` colour the variants. */
const cup = (cupColor: string, drink: string, foam: string) =>
  svg(
    1080,
    1080,
    `<rect width="1080" height="1080" fill="none"/>
<ellipse cx="540" cy="900" rx="330" ry="50" fill="#000" opacity=".12"/>
<path d="M300 380 h480 l-50 480 q-6 50 -56 50 h-268 q-50 0 -56 -50 z" fill="${cupColor}"/>
<path d="M770 470 q150 0 150 120 t-170 140" fill="none" stroke="${cupColor}" stroke-width="44"/>
<ellipse cx="540" cy="380" rx="240" ry="50" fill="${drink}"/>
<ellipse cx="540" cy="374" rx="150" ry="26" fill="${foam}"/>
<path d="M460 300 q-40 -60 0 -120 t0 -120 M560 300 q-40 -60 0 -120 t0 -120 M660 300 q-40 -60 0 -120 t0 -120" fill="none" stroke="#fff" stroke-width="18" stroke-linecap="round" opacity=".8"/>`,
  );

export const DEMO_IMAGES: Readonly<Record<string, string>> = {
  'background.svg': background,
  'product.svg': cup('#ffffff', '#7b4a2d', '#e9c9a8'),
  'latte.svg': cup('#f4efe9', '#b07a52', '#f6e3cf'),
  'americano.svg': cup('#2f2f2f', '#3b2314', '#6b4630'),
  'mocha.svg': cup('#8c5a3c', '#4a2a1a', '#d9b08c'),
};

const OWN_IMAGE = /^https?:\/\/[^/?#]+\/component\/assets\/demo\/([a-z]+\.svg)$/;

/**
 * One of these images' URLs on `origin` (D-64): the demo product coupon stores the address `init` knew, which
 * breaks once `serve` runs on another port or host. Any other URL is returned unchanged.
 */
export function demoImageOn(url: string, origin: string): string {
  const name = OWN_IMAGE.exec(url)?.[1];
  return name !== undefined && DEMO_IMAGES[name] !== undefined ? `${origin}/component/assets/demo/${name}` : url;
}

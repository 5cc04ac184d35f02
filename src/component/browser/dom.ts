type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** Creates an element; text children become text nodes, so data never reaches HTML parsing. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** An image in a fixed-ratio frame; a failed load leaves the empty frame instead of a broken icon. */
export function picture(src: string | undefined, alt: string, className: string): HTMLElement {
  const frame = h('div', { class: `pic ${className}` });
  if (src) {
    const img = h('img', { src, alt, decoding: 'async', draggable: 'false' });
    img.addEventListener('error', () => img.remove(), { once: true });
    frame.append(img);
  }
  return frame;
}

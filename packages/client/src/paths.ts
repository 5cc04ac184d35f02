/**
 * The naming rules of the call styles (docs/protocol.md, Existing SDKs): a chained property becomes one path segment —
 * `_name_` / `$name$` → `{name}`, camelCase → kebab-case, a leading capital only escapes a reserved word
 * (`Delete` → `delete`). A string with a `/` is a whole path template, used verbatim.
 */
export function segmentOf(property: string): string {
  const placeholder = /^_(.+)_$/.exec(property) ?? /^\$(.+)\$$/.exec(property);
  if (placeholder) return `{${placeholder[1]}}`;
  return property.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function templateOf(path: string): string {
  return path.replace(/^\/+/, '');
}

export function joinTemplate(parent: string, property: string): string {
  const child = property.includes('/') ? templateOf(property) : segmentOf(property);
  return parent ? `${parent}/${child}` : child;
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

/** encodeURIComponent plus the sub-delimiters the WHATWG URL parser might rewrite, so the signed URL is the sent URL. */
function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type PathValues = Readonly<Record<string, unknown>>;

/** `{name}` → the encoded value; a missing, empty or dot-segment value is a programming error. */
export function expandTemplate(template: string, values: PathValues): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new TypeError(`path parameter "${name}" of ${template} is missing`);
    const text = String(value);
    if (text === '' || text === '.' || text === '..')
      throw new TypeError(`path parameter "${name}" of ${template} is not a valid segment: "${text}"`);
    return encodeComponent(text);
  });
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type QueryParams = Readonly<Record<string, QueryValue>>;

/** `k=v&…` in insertion order; `undefined`/`null` values are left out, arrays repeat the key. */
export function queryString(params: QueryParams | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value])
      parts.push(`${encodeComponent(key)}=${encodeComponent(String(v))}`);
  }
  return parts.join('&');
}

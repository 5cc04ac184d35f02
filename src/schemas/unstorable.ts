/**
 * U+0000 and UTF-16 surrogates without their pair cannot be stored as text by PostgreSQL and are never meaningful
 * in a WeChat field (D-40): one scan finds the first such string, keys included, before any schema runs.
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isUnstorable = (text: string): boolean => UNSTORABLE.test(text);

/** JSON pointer of the first unstorable string (or key) in `value`, or `null` when every string is storable. */
export function findUnstorable(value: unknown, pointer = ''): string | null {
  if (typeof value === 'string') return isUnstorable(value) ? pointer || '/' : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorable(item, `${pointer}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (isUnstorable(key)) return at;
    const found = findUnstorable(item, at);
    if (found !== null) return found;
  }
  return null;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

import { paramError } from '../domain/errors.js';

/** Deepest nesting of arrays and objects a request body may have (D-41); WeChat's bodies need fewer than 10. */
export const MAX_JSON_DEPTH = 32;

/** Parses a request body, refusing over-deep nesting before `JSON.parse` (or anything later) recurses into it. */
export function parseJsonText(text: string): unknown {
  if (nestingExceeds(text, MAX_JSON_DEPTH))
    throw paramError(`请求体 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`, { location: 'body', value: text.slice(0, 64) });
  try {
    return JSON.parse(text);
  } catch {
    throw paramError('请求体不是合法的 JSON', { location: 'body', value: text.slice(0, 64) });
  }
}

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** One pass over the text, skipping string contents; malformed text is left to `JSON.parse`. */
function nestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}

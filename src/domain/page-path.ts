/**
 * A mini-program page path (D-42): a relative page path such as `pages/index/index` or `/pages/goods/detail`, with
 * an optional query. No scheme (no `:` before the query), no host (`//`, `/\`), no backslash, fragment, whitespace
 * or control character — so a page that navigates to it stays on its own origin.
 */
const PAGE_PATH = /^\/?(?![/\\])[^\s?#:\\\p{Cc}]+(?:\?[^\s#\\\p{Cc}]*)?$/u;

export const isMiniProgramPagePath = (text: string): boolean => PAGE_PATH.test(text);

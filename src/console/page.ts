import { escapeHtml } from '../component/pages.js';

export const CONSOLE_ASSET_BASE = '/console/assets';

/**
 * The one HTML page behind every `/console/…` deep link: the script reads the path and draws the page (D-63).
 * No inline script or style, so it runs under `script-src 'self'` and `style-src 'self'`.
 */
export function consolePage(assetBase = CONSOLE_ASSET_BASE): string {
  const base = escapeHtml(assetBase);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>coupond 控制台</title>
<link rel="stylesheet" href="${base}/console.css">
<script src="${base}/console.js" defer></script>
</head>
<body>
<div id="app"><noscript>coupond 控制台需要 JavaScript。The coupond console needs JavaScript.</noscript></div>
</body>
</html>
`;
}

/** The component's HTML pages. No inline scripts, so hosts may serve them under `script-src 'self'`. */

const COMPONENT_ASSET_BASE = '/component/assets';

export interface PageOptions {
  /** Where `coupon-receiver.js` and `demo.js` are served from. */
  assetBase?: string;
  /** Prefix for `/component/v1/…` calls; empty = same origin. */
  apiBase?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function layout(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

const receiver = (token: string, apiBase: string) =>
  `<coupon-receiver token="${escapeHtml(token)}"${apiBase ? ` api-base="${escapeHtml(apiBase)}"` : ''}></coupon-receiver>`;

/** `/component/receive?token=…`: the H5 page (docs/component.md; D-10). A missing token shows 获取数据失败. */
export function receivePage(token: string | undefined, options: PageOptions = {}): string {
  const assets = options.assetBase ?? COMPONENT_ASSET_BASE;
  return layout(
    '领取商品券',
    `<style>
html, body { margin: 0; background: #ededed; }
coupon-receiver { --coupon-receiver-min-height: 100vh; --coupon-receiver-min-height: 100dvh; }
</style>
<script src="${escapeHtml(assets)}/coupon-receiver.js" defer></script>`,
    receiver(token ?? '', options.apiBase ?? ''),
  );
}

export interface DemoPageOptions extends PageOptions {
  defaultOpenid?: string;
}

/** `/component/demo`: pre-send to a test openid with the demo merchant, then receive in the browser. */
export function demoPage(options: DemoPageOptions = {}): string {
  const assets = options.assetBase ?? COMPONENT_ASSET_BASE;
  return layout(
    'coupond 领券组件演示',
    `<style>
body { margin: 0; background: #ededed; color: #191919; font: 15px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
main { max-width: 480px; margin: 0 auto; padding: 16px; }
h1 { font-size: 20px; margin: 8px 0 4px; }
p.lead { margin: 0 0 16px; color: rgba(0,0,0,.55); font-size: 13px; }
form { display: grid; gap: 10px; padding: 16px; margin-bottom: 16px; background: #fff; border-radius: 12px; }
label { display: grid; gap: 4px; font-size: 13px; color: rgba(0,0,0,.55); }
input, select { height: 40px; padding: 0 10px; border: 1px solid #ddd; border-radius: 8px; font: inherit; color: #191919; }
form button { height: 44px; border: 0; border-radius: 8px; background: #07c160; color: #fff; font: inherit; font-weight: 600; }
form button:disabled { opacity: .6; }
#error { margin: 0; min-height: 1.5em; color: #fa5151; font-size: 13px; }
#stage:empty { display: none; }
coupon-receiver { --coupon-receiver-footer-position: static; }
#h5-link { display: inline-block; margin: 12px 0; color: #576b95; }
#log { padding-left: 20px; font-size: 12px; word-break: break-all; color: rgba(0,0,0,.7); }
</style>
<script src="${escapeHtml(assets)}/demo.js" defer></script>`,
    `<main>
<h1>领券组件演示</h1>
<p class="lead">用演示商户为测试用户预发放商品券批次组或单券，再在浏览器中领取。填写相同的发券请求单号再次预发放，可看到“已领取”。</p>
<form id="pre-send">
<label for="openid">用户 openid<input id="openid" name="openid" required maxlength="128" autocomplete="off" value="${escapeHtml(options.defaultOpenid ?? '')}"></label>
<label for="send_request_no">发券请求单号 send_request_no（可选，6–40 位字母数字 _ -）<input id="send_request_no" name="send_request_no" minlength="6" maxlength="40" pattern="[0-9A-Za-z_\\-]+" autocomplete="off"></label>
<label for="usage_mode">券的模式 usage_mode<select id="usage_mode" name="usage_mode"><option value="PROGRESSIVE_BUNDLE">多次优惠（批次组）</option><option value="SINGLE">单券</option></select></label>
<button id="submit" type="submit">预发放并打开领券组件</button>
<p id="error" role="alert"></p>
</form>
<div id="stage"></div>
<a id="h5-link" href="#" target="_blank" rel="noopener" hidden>在新页面打开 H5 领券页</a>
<h2 style="font-size:15px">组件上报的事件</h2>
<ol id="log" aria-live="polite"></ol>
</main>`,
  );
}

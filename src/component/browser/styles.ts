/** Shadow-DOM styles, close to WeChat's coupon popup: green primary button, white card over a background image. */
export const styles = `
:host {
  display: block;
  max-width: 480px;
  margin: 0 auto;
  color: #191919;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "WenQuanYi Micro Hei", system-ui, sans-serif;
  -webkit-tap-highlight-color: transparent;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.frame {
  display: flex;
  flex-direction: column;
  min-height: var(--coupon-receiver-min-height, 560px);
  background: #fff;
  border-radius: 12px;
  overflow: clip;
}
.content { flex: 1; }
.card { background: #fff; }
.hero { position: relative; aspect-ratio: 65 / 52; background: #f7e4d4; overflow: clip; }
.pic { position: relative; overflow: clip; background: #f2f2f2; }
.pic img { display: block; width: 100%; height: 100%; object-fit: cover; }
.hero .bg { position: absolute; inset: 0; background: transparent; }
.hero .product {
  position: absolute; left: 50%; top: 50%; width: 52%; aspect-ratio: 1;
  transform: translate(-50%, -46%); border-radius: 16px; background: rgba(255, 255, 255, 0.6);
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.12);
}
.hero .product img { object-fit: contain; }
.badge {
  position: absolute; left: 12px; top: 12px; z-index: 1; padding: 2px 10px; border-radius: 999px;
  background: rgba(0, 0, 0, 0.45); color: #fff; font-size: 12px;
}
.badge:empty { display: none; }
.body { position: relative; margin-top: -14px; padding: 16px 16px 8px; background: #fff; border-radius: 14px 14px 0 0; }
h2.name { margin: 0; font-size: 20px; font-weight: 600; line-height: 28px; }
.price { margin: 2px 0 0; color: rgba(0, 0, 0, 0.45); font-size: 13px; }
h3 { margin: 0 0 8px; font-size: 14px; font-weight: 500; color: rgba(0, 0, 0, 0.55); }
.rules { margin-top: 14px; }
.rules ol { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.rules li {
  display: flex; flex-direction: column; min-width: 86px; padding: 8px 12px; border-radius: 8px;
  background: #fff4ef; border: 1px solid #ffd8c7;
}
.rules .nth { font-size: 12px; color: rgba(0, 0, 0, 0.45); }
.rules .rule { font-size: 17px; font-weight: 600; color: #fa5151; }
.validity { margin: 12px 0 0; color: rgba(0, 0, 0, 0.55); font-size: 13px; }
.combos { margin-top: 16px; }
.package + .package { margin-top: 12px; }
.package h3 { display: flex; justify-content: space-between; color: #191919; }
.pick { color: rgba(0, 0, 0, 0.45); font-weight: 400; }
.choices { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; margin: 0; padding: 0; list-style: none; }
.choice {
  display: flex; flex-direction: column; width: 100%; height: 100%; padding: 6px; margin: 0;
  border: 1px solid #eee; border-radius: 8px; background: #fff; color: inherit; font: inherit; text-align: left;
}
button.choice { cursor: pointer; }
button.choice[aria-pressed="true"] { border-color: #07c160; box-shadow: inset 0 0 0 1px #07c160; }
.thumb { width: 100%; aspect-ratio: 1; border-radius: 6px; }
.choice-name { margin-top: 4px; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.choice-price { font-size: 12px; color: #fa5151; }
.count { color: rgba(0, 0, 0, 0.45); }
.hint { margin: 8px 0 0; font-size: 12px; color: rgba(0, 0, 0, 0.45); }
.details { margin-top: 16px; display: grid; gap: 8px; }
.details h3 { margin: 0; }
.detail { width: 100%; aspect-ratio: 65 / 77; border-radius: 8px; }
.footer {
  position: var(--coupon-receiver-footer-position, sticky); bottom: 0; padding: 8px 16px calc(12px + env(safe-area-inset-bottom, 0px));
  background: #fff; border-top: 1px solid rgba(0, 0, 0, 0.06);
}
.note { height: 20px; margin: 0 0 6px; text-align: center; font-size: 13px; color: rgba(0, 0, 0, 0.55); }
.action {
  display: block; width: 100%; height: 48px; border: 0; border-radius: 8px; background: #07c160; color: #fff;
  font: inherit; font-size: 17px; font-weight: 600; cursor: pointer;
}
.action:focus-visible, button.choice:focus-visible { outline: 2px solid #10aeff; outline-offset: 2px; }
.action:disabled { background: #f2f2f2; color: rgba(0, 0, 0, 0.3); cursor: default; }
.action[aria-busy="true"] { background: #9ee0bd; color: #fff; }
.action.hidden { visibility: hidden; }
.skeleton .hero { background: #f2f2f2; }
.skeleton .product { background: #e6e6e6; box-shadow: none; }
.bar { height: 18px; margin: 10px 0; width: 45%; border-radius: 4px; background: #f0f0f0; }
.bar.wide { width: 70%; height: 24px; }
.failure {
  display: flex; flex-direction: column; align-items: center; padding: 96px 24px; text-align: center;
}
.failure .icon {
  width: 56px; height: 56px; border-radius: 50%; background: #fa9d3b; color: #fff;
  font-size: 32px; font-weight: 700; line-height: 56px;
}
.failure .title { margin: 16px 0 4px; font-size: 17px; font-weight: 600; }
.failure .sub { margin: 0; color: rgba(0, 0, 0, 0.45); }
@media (prefers-reduced-motion: no-preference) {
  .skeleton .bar, .skeleton .product { animation: pulse 1.2s ease-in-out infinite; }
  @keyframes pulse { 50% { opacity: 0.5; } }
}
`;

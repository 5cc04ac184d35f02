// Bundles the receiving component's browser code into dist/component/ (run after `tsc -p tsconfig.build.json`).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/component/bundle.js', import.meta.url);
if (!existsSync(compiled)) {
  console.error('dist/component/bundle.js is missing: run `tsc -p tsconfig.build.json` first (npm run build does).');
  process.exit(1);
}
const { buildComponentBundles, COMPONENT_DIST_DIR } = await import(compiled.href);
await buildComponentBundles();
console.log(`component bundles written to ${COMPONENT_DIST_DIR}`);

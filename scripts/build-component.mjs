// Bundles the browser code into dist/component/ and dist/console/ (run after `tsc -p tsconfig.build.json`).
import { existsSync } from 'node:fs';

const compiled = (path) => new URL(`../dist/${path}`, import.meta.url);
for (const path of ['component/bundle.js', 'console/bundle.js']) {
  if (!existsSync(compiled(path))) {
    console.error(`dist/${path} is missing: run \`tsc -p tsconfig.build.json\` first (npm run build does).`);
    process.exit(1);
  }
}
const component = await import(compiled('component/bundle.js').href);
await component.buildComponentBundles();
console.log(`component bundles written to ${component.COMPONENT_DIST_DIR}`);
const consoleBundle = await import(compiled('console/bundle.js').href);
await consoleBundle.buildConsoleBundle();
console.log(`console bundle written to ${consoleBundle.CONSOLE_DIST_DIR}`);

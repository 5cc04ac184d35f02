import { bundleLoader } from '../component/assets.js';
import { buildInMemory } from '../component/bundle.js';
import { CONSOLE_DIST_DIR, CONSOLE_FILES, type ConsoleFile, consoleBundleOptions } from './bundle.js';

const TYPES: Record<ConsoleFile, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

const isConsoleFile = (name: string): name is ConsoleFile => (CONSOLE_FILES as readonly string[]).includes(name);

/** `dist/console/*`, built in memory when running from source; `null` for unknown names. */
export function createConsoleAssets(dir = CONSOLE_DIST_DIR) {
  const load = bundleLoader(dir, () => buildInMemory(consoleBundleOptions('/'), CONSOLE_FILES));
  return async (name: string) => (isConsoleFile(name) ? { contentType: TYPES[name], body: await load(name) } : null);
}

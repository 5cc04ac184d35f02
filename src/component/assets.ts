import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_FILES, type BundleFile, bundleInMemory, COMPONENT_DIST_DIR } from './bundle.js';
import { DEMO_IMAGES } from './demo-images.js';
import { type DemoPageOptions, demoPage, type PageOptions, receivePage } from './pages.js';

/** What the server sends for one component URL. */
export interface ComponentAsset {
  contentType: string;
  body: string;
}

/** The non-JSON routes of the component (D-10); the JSON API is in `schemas/component.ts`. */
export const COMPONENT_ROUTES = {
  receive: '/component/receive',
  demo: '/component/demo',
  /** `GET /component/assets/:name` → `componentAsset(name)`; demo images live under `demo/`. */
  assets: '/component/assets/',
} as const;

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const SVG = 'image/svg+xml';

export const receivePageAsset = (token: string | undefined, options?: PageOptions): ComponentAsset => ({
  contentType: HTML,
  body: receivePage(token, options),
});

export const demoPageAsset = (options?: DemoPageOptions): ComponentAsset => ({
  contentType: HTML,
  body: demoPage(options),
});

const isBundle = (name: string): name is BundleFile => (BUNDLE_FILES as readonly string[]).includes(name);

/**
 * Serves `dist/component/*.js` after `npm run build`. When the bundles were never built (running from source)
 * they are built in memory once, if esbuild is installed.
 */
export function createComponentAssets(dir = COMPONENT_DIST_DIR) {
  const cache = new Map<BundleFile, Promise<string>>();

  async function load(name: BundleFile): Promise<string> {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const built = (await bundleInMemory()).get(name);
      if (built === undefined) throw new Error(`component bundle ${name} was not built`);
      return built;
    }
  }

  /** `name` is the path after `/component/assets/`; unknown names give `null` (404). */
  return async function componentAsset(name: string): Promise<ComponentAsset | null> {
    if (name.startsWith('demo/')) {
      const image = DEMO_IMAGES[name.slice('demo/'.length)];
      return image === undefined ? null : { contentType: SVG, body: image };
    }
    if (!isBundle(name)) return null;
    let body = cache.get(name);
    if (!body) {
      body = load(name);
      cache.set(name, body);
      body.catch(() => cache.delete(name));
    }
    return { contentType: JS, body: await body };
  };
}

export const componentAsset = createComponentAssets();

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
 * Serves built browser files from `dir` (`npm run build`). When they were never built (running from source) they
 * are built in memory once, if esbuild is installed. Each file is read once and kept.
 */
export function bundleLoader<F extends string>(dir: string, inMemory: () => Promise<Map<F, string>>) {
  const cache = new Map<F, Promise<string>>();
  let built: Promise<Map<F, string>> | undefined;

  async function load(name: F): Promise<string> {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      built ??= inMemory();
      const code = (await built).get(name);
      if (code === undefined) throw new Error(`browser bundle ${name} was not built`);
      return code;
    }
  }

  return (name: F): Promise<string> => {
    let body = cache.get(name);
    if (!body) {
      body = load(name);
      cache.set(name, body);
      body.catch(() => cache.delete(name));
    }
    return body;
  };
}

/** Serves `dist/component/*.js`, built in memory when missing (see `bundleLoader`). */
export function createComponentAssets(dir = COMPONENT_DIST_DIR) {
  const bundle = bundleLoader(dir, bundleInMemory);

  /** `name` is the path after `/component/assets/`; unknown names give `null` (404). */
  return async function componentAsset(name: string): Promise<ComponentAsset | null> {
    if (name.startsWith('demo/')) {
      const image = DEMO_IMAGES[name.slice('demo/'.length)];
      return image === undefined ? null : { contentType: SVG, body: image };
    }
    if (!isBundle(name)) return null;
    return { contentType: JS, body: await bundle(name) };
  };
}

export const componentAsset = createComponentAssets();

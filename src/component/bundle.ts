import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Repository root, from both `src/component/` (tsx, tests) and `dist/component/` (after `npm run build`). */
const root = new URL('../../', import.meta.url);

export const COMPONENT_DIST_DIR = fileURLToPath(new URL('dist/component/', root));

/** The browser bundles, by output file name. */
export const BUNDLE_FILES = ['coupon-receiver.js', 'demo.js'] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];

const entry = (name: string) => fileURLToPath(new URL(`src/component/browser/${name}.ts`, root));

export function bundleOptions(outdir = COMPONENT_DIST_DIR): BuildOptions {
  return {
    entryPoints: { 'coupon-receiver': entry('coupon-receiver'), demo: entry('demo') },
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/** esbuild is a dev dependency: loaded only when a bundle is built. */
const esbuild = () => import('esbuild');

/** Writes the bundles to `outdir` (default `dist/component/`). */
export async function buildComponentBundles(outdir = COMPONENT_DIST_DIR): Promise<void> {
  const { build } = await esbuild();
  await build(bundleOptions(outdir));
}

/** Builds with `options` without writing: output file name (one of `files`) → code. */
export async function buildInMemory<F extends string>(
  options: BuildOptions,
  files: readonly F[],
): Promise<Map<F, string>> {
  const { build } = await esbuild();
  const result = await build({ ...options, outdir: '/', write: false });
  const built = new Map<F, string>();
  for (const file of result.outputFiles) {
    const name = files.find((n) => file.path.endsWith(`/${n}`));
    if (name) built.set(name, file.text);
  }
  return built;
}

/** Builds the bundles without writing them: file name → code. */
export const bundleInMemory = () => buildInMemory(bundleOptions('/'), BUNDLE_FILES);

import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { bundleOptions } from '../component/bundle.js';

const root = new URL('../../', import.meta.url);

export const CONSOLE_DIST_DIR = fileURLToPath(new URL('dist/console/', root));

/** The console's browser files: the app (with uPlot) and its stylesheet (with uPlot's), no CDN (D-63). */
export const CONSOLE_FILES = ['console.js', 'console.css'] as const;
export type ConsoleFile = (typeof CONSOLE_FILES)[number];

const source = (name: string) => fileURLToPath(new URL(`src/console/browser/${name}`, root));

export function consoleBundleOptions(outdir = CONSOLE_DIST_DIR): BuildOptions {
  return {
    ...bundleOptions(outdir),
    entryPoints: [
      { in: source('main.ts'), out: 'console' },
      { in: source('console.css'), out: 'console' },
    ],
  };
}

/** Writes the console's files to `outdir` (default `dist/console/`). */
export async function buildConsoleBundle(outdir = CONSOLE_DIST_DIR): Promise<void> {
  const { build } = await import('esbuild');
  await build(consoleBundleOptions(outdir));
}

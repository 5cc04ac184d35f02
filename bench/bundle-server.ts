import { build } from 'esbuild';

/**
 * The server under test runs as plain JavaScript, as `npm start` does: bundled with esbuild (dependencies stay
 * imports from node_modules) rather than through a TypeScript loader that would add its own thread and memory.
 */
export async function bundleServer(): Promise<string> {
  const outfile = new URL('./.build/server.mjs', import.meta.url).pathname;
  await build({
    entryPoints: [new URL('./server.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

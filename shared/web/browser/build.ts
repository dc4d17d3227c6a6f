/**
 * Bundles the browser scripts (the findings form) with esbuild into shared/web/browser/dist.
 * Run by `npm start`, the tests and `cdk synth` before anything serves or packages the pages, so
 * the bundle is never stale and never committed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BROWSER_DIST = join(dirname(fileURLToPath(import.meta.url)), 'dist');

export async function buildBrowserBundles(): Promise<{ file: string; bytes: number }[]> {
  const { build } = await import('esbuild');
  const here = dirname(fileURLToPath(import.meta.url));
  const result = await build({
    entryPoints: { findings: join(here, 'findings.ts') },
    outdir: BROWSER_DIST,
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2020'],
    platform: 'browser',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  return Object.entries(result.metafile.outputs).map(([file, out]) => ({ file, bytes: out.bytes }));
}

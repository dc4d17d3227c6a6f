/**
 * Bundles the browser scripts (the findings form) with esbuild into shared/web/browser/dist, which
 * is built, never committed. `npm start`, the integration test setup, `cdk synth` and the bundling
 * of each page function (infra/visits-function.ts) all build it first, so it is never stale.
 *   npx tsx scripts/build-browser.ts     build it by hand
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = resolve(import.meta.dirname, '..');
export const BROWSER_DIST = join(repoRoot, 'shared', 'web', 'browser', 'dist');
/** The browser entry points: output name -> source file (relative to the repository root). */
export const BROWSER_ENTRIES = { findings: 'shared/web/browser/findings.ts' } as const;

/** esbuild's command-line arguments for one entry: the one definition of the browser bundle. */
export function browserBundleArgs(root: string, name: keyof typeof BROWSER_ENTRIES, outdir: string): string[] {
  return [
    join(root, BROWSER_ENTRIES[name]),
    '--bundle',
    '--format=esm',
    '--minify',
    '--target=es2020',
    '--platform=browser',
    '--legal-comments=none',
    '--log-level=warning',
    `--outfile=${join(outdir, `${name}.js`)}`,
  ];
}

/** The esbuild executable installed with the project. */
export const ESBUILD_BIN = join(repoRoot, 'node_modules', '.bin', 'esbuild');

export function buildBrowserBundles(outdir = BROWSER_DIST): { file: string; bytes: number }[] {
  return (Object.keys(BROWSER_ENTRIES) as (keyof typeof BROWSER_ENTRIES)[]).map((name) => {
    execFileSync(ESBUILD_BIN, browserBundleArgs(repoRoot, name, outdir), { stdio: ['ignore', 'ignore', 'inherit'] });
    const file = join(outdir, `${name}.js`);
    return { file, bytes: statSync(file).size };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const out of buildBrowserBundles()) console.log(`${out.file}: ${(out.bytes / 1024).toFixed(1)} KB`);
}

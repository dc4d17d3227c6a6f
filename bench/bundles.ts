/**
 * Bundle size per function (esbuild with the same settings as the CDK stack: ESM, minified,
 * Node 24, AWS SDK external) and cold-start import time: a fresh Node process importing the
 * bundle, median of 5.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { functions, type FunctionId } from '../infra/catalogue';

const root = resolve(import.meta.dirname, '..');

export async function benchBundles(log: (l: string) => void): Promise<Record<string, { bundleKb: number; coldImportMs: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'visits-bundles-'));
  // Bundles keep the AWS SDK external, as in Lambda, where the runtime provides it.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const out: Record<string, { bundleKb: number; coldImportMs: number }> = {};
  try {
    for (const id of Object.keys(functions) as FunctionId[]) {
      const outfile = join(dir, `${functions[id].dir}.mjs`);
      await build({
        entryPoints: [join(root, 'functions', functions[id].dir, 'handler.ts')],
        bundle: true,
        platform: 'node',
        target: 'node24',
        format: 'esm',
        minify: true,
        outfile,
        external: ['@aws-sdk/*'],
        mainFields: ['module', 'main'],
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
        logLevel: 'silent',
      });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`], {
          encoding: 'utf8',
          env: { ...process.env, TABLE_NAME: 'x', AWS_REGION: 'eu-west-2', POWERTOOLS_DEV: 'true' },
        });
        if (r.status !== 0) throw new Error(`importing the ${id} bundle failed: ${r.stderr.slice(-1000)}`);
        times.push(Number(r.stdout.trim()));
      }
      times.sort((a, b) => a - b);
      out[id] = { bundleKb: Math.round(statSync(outfile).size / 1024), coldImportMs: Math.round(times[2]!) };
      log(`  ${id}: ${out[id].bundleKb} KB, import ${out[id].coldImportMs} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

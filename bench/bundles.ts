/**
 * Bundle size per function (esbuild with the stack's own settings, infra/bundling.ts: ESM,
 * minified, Node 24, the AWS SDK inside) and cold-start import time: a fresh Node process imports
 * the bundle, median of `rounds`. A baseline (bench/cold-start-baseline.ts: a handler that only
 * creates a DynamoDB client, bundled the same way) is measured in the same rounds, interleaved with
 * the functions, and each function's time is reported as a ratio to it.
 *
 * Goals (issue 15): every function within 1.5x of the baseline; bundles under 500 KB (the PDF
 * renderer, publicationWorker, under 3 MB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_ENTRY, bundleSettings, esbuildOptions, type BundleSettings } from '../infra/bundling';
import { functionEnvironment, functionIds, functions, type FunctionId } from '../infra/catalogue';

const root = resolve(import.meta.dirname, '..');

export interface BundleFigures {
  /** The whole bundle: index.mjs and its chunks. */
  readonly bundleKb: number;
  /** What a cold start reads: index.mjs and the chunks it imports statically (the others load when code that imports them runs). */
  readonly entryKb: number;
  readonly coldImportMs: number;
  /** coldImportMs / baselineMs, measured in the same run. */
  readonly ratio: number;
}

export type BundlesResult = Record<FunctionId, BundleFigures> & { readonly baselineMs: number };

interface Built {
  readonly entry: string;
  readonly kb: number;
  readonly entryKb: number;
}

/** The entry and every chunk it imports statically, directly or not: the files a cold start reads. */
export function filesAtStart(metafile: Metafile): string[] {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint !== undefined);
  const seen = new Set<string>();
  const visit = (file: string | undefined): void => {
    if (file === undefined || seen.has(file) || !outputs[file]) return;
    seen.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  return [...seen];
}

/** Bytes of the files a cold start reads. */
export function bytesAtStart(metafile: Metafile): number {
  return filesAtStart(metafile).reduce((n, file) => n + metafile.outputs[file]!.bytes, 0);
}

async function bundle(settings: BundleSettings, outdir: string): Promise<Built> {
  const result = await build({ ...esbuildOptions(settings, outdir), metafile: true });
  const kb = (bytes: number) => Math.round(bytes / 1024);
  const total = Object.entries(result.metafile.outputs).reduce((n, [file, o]) => n + (file.endsWith('.mjs') ? o.bytes : 0), 0);
  return { entry: join(outdir, BUNDLE_ENTRY), kb: kb(total), entryKb: kb(bytesAtStart(result.metafile)) };
}

/** The environment Lambda would give the function (names only matter; nothing is called). */
function lambdaEnvironment(id: FunctionId | 'baseline'): NodeJS.ProcessEnv {
  const fake = 'bench';
  return {
    PATH: process.env.PATH,
    ...functionEnvironment('aws', {
      tableName: fake,
      importsBucket: fake,
      findingsBucket: fake,
      reportsBucket: fake,
      eventBusName: fake,
      notifyQueueUrl: fake,
      linkSecretArn: fake,
      senderEmail: fake,
      webBaseUrl: fake,
      sesConfigurationSet: fake,
      reviewerMailboxes: '', // what the stack sets without the reviewerMailboxes context
    }),
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    POWERTOOLS_SERVICE_NAME: id === 'baseline' ? 'baseline' : functions[id].dir,
    POWERTOOLS_TRACE_ENABLED: id !== 'baseline' && functions[id].tracing ? 'true' : 'false',
  };
}

/** One cold import of a bundle in a fresh Node process, in ms. */
function coldImport(outfile: string, env: NodeJS.ProcessEnv): number {
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`],
    { encoding: 'utf8', env },
  );
  if (r.status !== 0) throw new Error(`importing ${outfile} failed: ${r.stderr.slice(-1000)}`);
  return Number(r.stdout.trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchBundles(log: (l: string) => void, rounds = 21): Promise<BundlesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'visits-bundles-'));
  // Modules left external (the tracer where tracing is off) resolve as they would not in Lambda.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  try {
    const targets: ({ id: FunctionId | 'baseline' } & Built)[] = [];
    const baselineSettings: BundleSettings = { ...bundleSettings(functionIds[0]!), entry: join(root, 'bench', 'cold-start-baseline.ts') };
    targets.push({ id: 'baseline', ...(await bundle(baselineSettings, join(dir, 'baseline'))) });
    for (const id of functionIds) targets.push({ id, ...(await bundle(bundleSettings(id), join(dir, functions[id].dir))) });

    const times = new Map<string, number[]>(targets.map((t) => [t.id, []]));
    for (let round = 0; round < rounds; round++) {
      for (const t of targets) times.get(t.id)!.push(coldImport(t.entry, lambdaEnvironment(t.id)));
      log(`  round ${round + 1}/${rounds}`);
    }
    const baselineMs = Math.round(median(times.get('baseline')!));
    log(`  baseline (DynamoDB client only): ${targets[0]!.kb} KB (${targets[0]!.entryKb} KB at start), import ${baselineMs} ms`);
    const out: Partial<Record<FunctionId, BundleFigures>> = {};
    for (const t of targets) {
      if (t.id === 'baseline') continue;
      const ms = median(times.get(t.id)!);
      out[t.id] = { bundleKb: t.kb, entryKb: t.entryKb, coldImportMs: Math.round(ms), ratio: Number((ms / median(times.get('baseline')!)).toFixed(2)) };
      log(`  ${t.id}: ${t.kb} KB (${t.entryKb} KB at start), import ${Math.round(ms)} ms, ${out[t.id]!.ratio}x baseline`);
    }
    return { ...(out as Record<FunctionId, BundleFigures>), baselineMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

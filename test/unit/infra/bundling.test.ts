/**
 * The Lambda bundles (infra/bundling.ts): the AWS SDK inside, the tracer, the SDK's unused
 * credential providers and brotli outside, no code page tables in the importer, and what the
 * functions use of the pruned libraries still working when run from a bundle.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { filesAtStart } from '../../../bench/bundles';
import { BUNDLE_ENTRY, bundleSettings, esbuildOptions, type BundleSettings } from '../../../infra/bundling';
import { PDF_FONT_FILES } from '../../../shared/reports/fonts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'visits-bundling-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(settings: BundleSettings, outdir: string): Promise<Metafile> {
  const result = await build({ ...esbuildOptions(settings, outdir), metafile: true });
  return result.metafile;
}

const packagesIn = (meta: Metafile) =>
  new Set(
    Object.keys(meta.inputs)
      .map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1])
      .filter((p): p is string => p !== undefined),
  );

describe('a Lambda bundle', () => {
  it('holds the SDK clients the function uses and leaves out the tracer, X-Ray and the unused credential providers', async () => {
    const packages = packagesIn(await bundle(bundleSettings('sesFeedback'), join(dir, 'ses-feedback')));
    expect([...packages]).toEqual(expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/credential-provider-env']));
    for (const left of [
      '@aws-lambda-powertools/tracer',
      'aws-xray-sdk-core',
      '@aws-sdk/credential-provider-node',
      '@aws-sdk/credential-provider-ini',
      '@aws-sdk/credential-provider-sso',
      '@aws-sdk/nested-clients',
    ]) {
      expect(packages.has(left), left).toBe(false);
    }
  });

  it('leaves out iconv-lite: the importer decodes Windows-1252 itself', async () => {
    const packages = packagesIn(await bundle(bundleSettings('ingestImport'), join(dir, 'ingest-import')));
    expect(packages.has('@aws-sdk/client-s3')).toBe(true);
    expect(packages.has('iconv-lite')).toBe(false);
  });

  it('reads at a cold start only what the function runs then: the renderers, S3, bowser and event streams are chunks loaded on first use', async () => {
    const meta = await bundle(bundleSettings('publicationWorker'), join(dir, 'publication-worker'));
    const atStart = new Set(filesAtStart(meta));
    const packagesOf = (files: string[]) =>
      packagesIn({
        inputs: Object.fromEntries(files.flatMap((file) => Object.keys(meta.outputs[file]!.inputs).map((f) => [f, meta.inputs[f]!]))),
        outputs: {},
      });
    const outputs = Object.keys(meta.outputs).filter((file) => file.endsWith('.mjs'));
    const readAtStart = packagesOf(outputs.filter((file) => atStart.has(file)));
    const readLater = packagesOf(outputs.filter((file) => !atStart.has(file)));
    for (const lazy of ['pdfkit', 'fontkit', 'nunjucks', '@aws-sdk/client-s3', 'bowser']) {
      expect(readAtStart.has(lazy), lazy).toBe(false);
      expect(readLater.has(lazy), lazy).toBe(true);
    }
    for (const used of ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sqs', '@aws-sdk/client-eventbridge']) expect(readAtStart.has(used), used).toBe(true);
  });

  it('still renders a report PDF with brotli left out', async () => {
    const settings: BundleSettings = { ...bundleSettings('publicationWorker'), entry: join(root, 'test/support/bundle-probe.ts') };
    const probeDir = join(dir, 'probe');
    const meta = await bundle(settings, probeDir);
    expect(Object.keys(meta.inputs).some((f) => f.includes('node_modules/brotli/'))).toBe(false);
    // Laid out as the PDF function's bundle is in Lambda (web/ and fonts/ beside it), found through LAMBDA_TASK_ROOT.
    mkdirSync(join(probeDir, 'web', 'templates'), { recursive: true });
    for (const f of PDF_FONT_FILES) cpSync(join(root, 'node_modules/dejavu-fonts-ttf/ttf', f), join(probeDir, 'fonts', f));
    const out = JSON.parse(
      execFileSync(process.execPath, [join(probeDir, BUNDLE_ENTRY)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, LAMBDA_TASK_ROOT: probeDir },
      }),
    ) as { pdfHeader: string; pdfBytes: number };
    expect(out.pdfHeader).toBe('%PDF-');
    expect(out.pdfBytes).toBeGreaterThan(10_000);
  }, 60_000);
});

/**
 * How each function is bundled: one set of esbuild settings for the CDK stack (infra/
 * visits-function.ts) and the bundle benchmark (bench/bundles.ts), so the benchmark measures what
 * is deployed.
 *
 * Cold starts: a function's bundle holds what it uses of the AWS SDK v3 (tree-shaken and minified,
 * instead of loading the runtime's whole SDK from outside the bundle), and nothing it does not use:
 * - the SDK's default credential chain (SSO, INI files, STS web identity, ...) is replaced by the
 *   environment-variable provider: Lambda always gives a function its role's credentials there
 *   (infra/lambda-credentials.ts);
 * - Powertools' tracer and the X-Ray SDK are left out unless the catalogue turns tracing on for the
 *   function (shared/aws/observability.ts loads them only then);
 * - brotli, which fontkit needs only for WOFF2 fonts: the PDFs embed TTF fonts
 *   (infra/bundle-stubs/brotli-decompress.ts);
 * - the SDK schemas of operations the function never calls (infra/schema-keys-plugin.ts).
 */
import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { functions, type FunctionId } from './catalogue';
import { schemaKeysPlugin } from './schema-keys-plugin';

const repoRoot = resolve(import.meta.dirname, '..');

export interface BundleSettings {
  readonly entry: string;
  readonly format: 'esm';
  readonly target: 'node24';
  readonly minify: true;
  readonly mainFields: readonly string[];
  /** Modules left out of the bundle (never loaded by this function). */
  readonly external: readonly string[];
  /** Module -> replacement file. */
  readonly alias: Readonly<Record<string, string>>;
  /** Some CommonJS dependencies call require() for Node built-ins. */
  readonly banner: string;
}

/** The Powertools tracer and what only it loads. */
export const TRACER_MODULES = ['@aws-lambda-powertools/tracer', 'aws-xray-sdk-core'] as const;

export function bundleSettings(id: FunctionId): BundleSettings {
  return {
    entry: join(repoRoot, 'functions', functions[id].dir, 'handler.ts'),
    format: 'esm',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    external: functions[id].tracing ? [] : TRACER_MODULES.flatMap((m) => [m, `${m}/*`]),
    alias: {
      '@aws-sdk/credential-provider-node': join(repoRoot, 'infra', 'lambda-credentials.ts'),
      'brotli/decompress.js': join(repoRoot, 'infra', 'bundle-stubs', 'brotli-decompress.ts'),
    },
    banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  };
}

/** The file Lambda loads (handler `index.handler`), in the output directory. */
export const BUNDLE_ENTRY = 'index.mjs';

/**
 * The settings as esbuild's build options, writing `index.mjs` and its chunks to `outdir` (the
 * stack, the benchmark and the bundling tests build with these).
 *
 * Code splitting: what the code loads with `import()` goes into chunks that are read only when
 * that code runs, not at every cold start. The SDK does so with what Node never runs (bowser, a
 * browser user-agent parser) and what these functions never call (event streams), and the
 * publication worker with its PDF renderer.
 */
export function esbuildOptions(settings: BundleSettings, outdir: string): BuildOptions {
  return {
    entryPoints: { index: settings.entry },
    bundle: true,
    platform: 'node',
    target: settings.target,
    format: settings.format,
    minify: settings.minify,
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    external: [...settings.external],
    alias: settings.alias,
    mainFields: [...settings.mainFields],
    banner: { js: settings.banner },
    plugins: [schemaKeysPlugin],
    logLevel: 'silent',
  };
}

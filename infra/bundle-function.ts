/**
 * Builds one function's bundle for the stack: `node --import tsx infra/bundle-function.ts <id>
 * <outDir>` writes `<outDir>/index.mjs`, its chunks and source maps with the settings of infra/bundling.ts,
 * the same ones `npm run bench -- bundles` measures. It runs in a process of its own because CDK
 * bundles synchronously and esbuild runs plugins only in its asynchronous API.
 */
import { build } from 'esbuild';
import { bundleSettings, esbuildOptions } from './bundling';
import { functionIds, type FunctionId } from './catalogue';

const [id, outDir] = process.argv.slice(2);
if (!id || !outDir || !(functionIds as readonly string[]).includes(id)) {
  console.error(`Usage: bundle-function.ts <function id> <output directory>; function ids: ${functionIds.join(', ')}`);
  process.exit(2);
}
await build({ ...esbuildOptions(bundleSettings(id as FunctionId), outDir), sourcemap: true, logLevel: 'warning' });

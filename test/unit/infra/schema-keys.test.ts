/**
 * infra/schema-keys-plugin.ts: the SDK schemas' computed keys written as literals, so unused shapes
 * leave the bundle, and the SDK clients putting the same bytes on the wire and reading the same
 * answers from a bundle as from source.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRY, bundleSettings, esbuildOptions, type BundleSettings } from '../../../infra/bundling';
import { withStaticSchemaKeys } from '../../../infra/schema-keys-plugin';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'visits-schema-keys-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('static schema keys', () => {
  it("writes a computed key that names one of the file's string constants as that string, and leaves every other key alone", () => {
    const source = [
      'const _hH = "httpHeader";',
      'const _xN = "xmlName";',
      'let _v = "not a constant";',
      'export var A$ = [3, n0, _A, 0, [_K], [[0, { [_hH]: _xarc, [_xN]: _ACL }]]];',
      'export var B$ = [3, n0, _B, { [_v]: 1, [other]: 2, [_missing]: 3 }];',
    ].join('\n');
    expect(withStaticSchemaKeys(source).split('\n').slice(3)).toEqual([
      'export var A$ = [3, n0, _A, 0, [_K], [[0, { "httpHeader": _xarc, "xmlName": _ACL }]]];',
      'export var B$ = [3, n0, _B, { [_v]: 1, [other]: 2, [_missing]: 3 }];',
    ]);
  });

  it("leaves S3's and SESv2's unused shapes out of a bundle", async () => {
    const result = await build({ ...esbuildOptions(bundleSettings('notifyCommissioners'), join(dir, 'notify')), metafile: true });
    const schemaBytes = (client: string) =>
      Object.values(result.metafile.outputs)
        .flatMap((output) => Object.entries(output.inputs))
        .filter(([path]) => path.includes(`@aws-sdk/${client}/dist-es/schemas/`))
        .reduce((n, [, input]) => n + input.bytesInOutput, 0);
    // Without the plugin: about 66 KB and 48 KB (every shape of each service).
    expect(schemaBytes('client-s3')).toBeGreaterThan(0);
    expect(schemaBytes('client-s3')).toBeLessThan(20_000);
    expect(schemaBytes('client-sesv2')).toBeGreaterThan(0);
    expect(schemaBytes('client-sesv2')).toBeLessThan(15_000);
  });

  it('leaves what the S3 and SESv2 clients send and read back as it is from source', async () => {
    const probe = join(root, 'test/support/sdk-wire-probe.ts');
    const settings: BundleSettings = { ...bundleSettings('notifyCommissioners'), entry: probe };
    await build(esbuildOptions(settings, join(dir, 'probe')));
    const run = (args: string[]) =>
      JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: root })) as unknown;
    const fromSource = run(['--import', 'tsx', probe]);
    const fromBundle = run([join(dir, 'probe', BUNDLE_ENTRY)]);
    expect(fromBundle).toEqual(fromSource);
    expect(JSON.stringify(fromSource)).toContain('"x-amz-meta-visit":"V-1"');
    expect(JSON.stringify(fromSource)).toContain('"Metadata":{"kind":"providers"}');
  }, 60_000);
});

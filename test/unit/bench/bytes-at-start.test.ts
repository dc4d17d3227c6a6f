import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bytesAtStart } from '../../../bench/bundles';

const output = (bytes: number, imports: Metafile['outputs'][string]['imports'], entryPoint?: string): Metafile['outputs'][string] => ({
  bytes,
  inputs: {},
  imports,
  exports: [],
  ...(entryPoint ? { entryPoint } : {}),
});

describe('bytes a cold start reads', () => {
  it('counts the entry and the chunks it imports statically, through other chunks, each once, and not the chunks imported on first use', () => {
    const metafile: Metafile = {
      inputs: {},
      outputs: {
        'out/index.mjs': output(
          100,
          [
            { path: 'out/chunks/shared.mjs', kind: 'import-statement' },
            { path: 'out/chunks/pdf.mjs', kind: 'dynamic-import' },
          ],
          'functions/x/handler.ts',
        ),
        'out/chunks/shared.mjs': output(20, [{ path: 'out/chunks/deeper.mjs', kind: 'import-statement' }]),
        'out/chunks/deeper.mjs': output(5, [{ path: 'out/chunks/shared.mjs', kind: 'import-statement' }]),
        'out/chunks/pdf.mjs': output(400, [{ path: 'out/chunks/shared.mjs', kind: 'import-statement' }]),
      },
    };
    expect(bytesAtStart(metafile)).toBe(125);
  });
});

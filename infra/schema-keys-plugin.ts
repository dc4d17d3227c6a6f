/**
 * An esbuild plugin that lets the bundler drop the AWS SDK schemas a function never uses.
 *
 * Each SDK v3 client describes every operation's shapes in `dist-es/schemas/schemas_0.js`, one
 * `export var X$ = [...]` per shape, and writes trait objects with computed keys:
 * `{ [_hH]: _xarc }`, where `const _hH = "httpHeader"` is declared at the top of the file.
 * esbuild cannot prove a computed key free of side effects, so it keeps every shape that has
 * one: about 66 KB of S3's shapes and 48 KB of SESv2's in each bundle, parsed and built at every
 * cold start, for the few operations a function calls. Writing those keys as the string literals
 * they stand for (`{ "httpHeader": _xarc }`) changes nothing at run time and makes the unused
 * shapes droppable. Only a computed key that is exactly one of the file's own string constants is
 * rewritten; anything else is left as it is.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

const SCHEMA_FILE = /[/\\]@aws-sdk[/\\]client-[^/\\]+[/\\]dist-es[/\\]schemas[/\\]schemas_\d+\.js$/;

/** The file with each computed key that names one of its top-level string constants written as that string. */
export function withStaticSchemaKeys(source: string): string {
  const strings = new Map<string, string>();
  for (const m of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)) strings.set(m[1]!, m[2]!);
  return source.replace(/\[(_\w+)\]:/g, (key, name: string) => {
    const literal = strings.get(name);
    return literal === undefined ? key : `${literal}:`;
  });
}

export const schemaKeysPlugin: Plugin = {
  name: 'static-sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMA_FILE }, async (args) => ({ contents: withStaticSchemaKeys(await readFile(args.path, 'utf8')), loader: 'js' }));
  },
};

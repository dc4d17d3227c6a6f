/**
 * The inline <script> and <style> blocks a page of ours may carry, found in the templates
 * themselves (ours and GOV.UK Frontend's), never in the page being served: the page's CSP allows
 * exactly these by hash, so a script or style added to a stored page after it was rendered does
 * not run. A block whose body holds a template tag cannot be hashed ahead of time and is reported.
 */
import { createHash } from 'node:crypto';

export interface KnownInline {
  /** CSP source expressions: 'sha256-...'. */
  readonly scriptHashes: readonly string[];
  readonly styleHashes: readonly string[];
}

export interface TemplateSource {
  readonly name: string;
  readonly source: string;
}

export interface InlineBlocks extends KnownInline {
  /** Inline scripts whose body depends on the context (a tag inside): they would be refused. */
  readonly dynamicScripts: readonly { readonly template: string; readonly body: string }[];
}

export const NO_INLINE: KnownInline = { scriptHashes: [], styleHashes: [] };

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const SCRIPT = /<script((?:\s[^>]*)?)>([\s\S]*?)<\/script>/g;
const STYLE = /<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g;
const TAG = /\{\{|\{%|\{#/;

/** A <script> is run only without a type, or with a JavaScript one or "module" (JSON data blocks are not). */
function runs(attributes: string): boolean {
  const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes.replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, ''))?.[1]?.toLowerCase();
  return type === undefined || type === 'module' || type === 'text/javascript' || type === 'application/javascript';
}

/** The hashes of every static inline script and style in the templates, plus the stylesheets pages inline. */
export function inlineBlocksOf(templates: readonly TemplateSource[], inlinedStyles: readonly string[]): InlineBlocks {
  const scripts = new Set<string>();
  const styles = new Set<string>(inlinedStyles.filter((s) => s !== '').map(cspHash));
  const dynamicScripts: { template: string; body: string }[] = [];
  for (const { name, source } of templates) {
    for (const [, attributes = '', body = ''] of source.matchAll(SCRIPT)) {
      if (!runs(attributes) || body.trim() === '') continue;
      if (TAG.test(body)) dynamicScripts.push({ template: name, body });
      else scripts.add(cspHash(body));
    }
    for (const [, body = ''] of source.matchAll(STYLE)) if (body.trim() !== '' && !TAG.test(body)) styles.add(cspHash(body));
  }
  return { scriptHashes: [...scripts].sort(), styleHashes: [...styles].sort(), dynamicScripts };
}

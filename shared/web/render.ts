/**
 * One nunjucks environment for every page and report: GOV.UK Frontend's macros and template,
 * autoescape on, so inspector text can never become markup.
 *
 * The renderer is pure: `createRenderer(files)` renders from the files it is handed (in memory in
 * tests). `renderTemplate('x/y.njk', context)` renders with the bundle's files (shared/web/
 * bundle-files.ts finds them in the repository or beside a Lambda bundle). Templates link assets
 * by their content-hashed URL with `assetHref('govuk-frontend.min.css')`.
 */
import nunjucks from 'nunjucks';
import { buildAssetCatalogue, type AssetCatalogue } from './assets';
import { renderFiles } from './bundle-files';
import { inlineBlocksOf, type InlineBlocks } from './inline-blocks';
import type { RenderFiles } from './render-files';

export interface Renderer {
  render(template: string, context: Record<string, unknown>): string;
  /** The assets pages link to, built (and hashed) on first use. */
  assets(): AssetCatalogue;
  /** GOV.UK's stylesheet as served, for pages stored in S3 that carry it inline. */
  govukCss(): string;
  /** The inline scripts and styles our templates (and GOV.UK's) may put in a page, for the CSP. */
  inlineBlocks(): InlineBlocks;
}

const GOVUK_TEMPLATE = 'govuk/template.njk';

/** A nunjucks loader over the render files; relative names ('./macros/x.njk') resolve against their template. */
function loaderOf(files: RenderFiles): nunjucks.ILoader & Pick<nunjucks.Loader, 'resolve' | 'isRelative'> {
  return {
    getSource: (name) => {
      const src = files.template(name);
      if (src === undefined) throw new Error(`template not found: ${name}`);
      return { src, path: name, noCache: false };
    },
    isRelative: (name) => name.startsWith('./') || name.startsWith('../'),
    resolve: (from, to) => {
      const parts = from.split('/').slice(0, -1);
      for (const part of to.split('/')) {
        if (part === '..') parts.pop();
        else if (part !== '.') parts.push(part);
      }
      return parts.join('/');
    },
  };
}

export function createRenderer(files: RenderFiles): Renderer {
  let catalogue: AssetCatalogue | undefined;
  let blocks: InlineBlocks | undefined;
  const assets = () => (catalogue ??= buildAssetCatalogue(files));
  const env = new nunjucks.Environment(loaderOf(files), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addGlobal('assetHref', (path: string) => assets().url(path));
  return {
    render: (template, context) => env.render(template, context),
    assets,
    govukCss: () => assets().css,
    inlineBlocks: () => {
      if (blocks) return blocks;
      const templates = [...files.templateNames(), GOVUK_TEMPLATE].map((name) => ({ name, source: files.template(name) ?? '' }));
      // Also GOV.UK's stylesheet as it was inlined before assets were hashed, so reports stored then keep their styles.
      const original = files.govuk('govuk-frontend.min.css')?.toString('utf8') ?? '';
      return (blocks = inlineBlocksOf(templates, [assets().css, original]));
    },
  };
}

let current: { files: RenderFiles; renderer: Renderer } | undefined;

/** The renderer over the render files in use (the bundle's unless a test handed others). */
export function renderer(): Renderer {
  const files = renderFiles();
  if (current?.files !== files) current = { files, renderer: createRenderer(files) };
  return current.renderer;
}

/** Render one of our templates (path relative to shared/web/templates) to HTML. */
export function renderTemplate(template: string, context: Record<string, unknown>): string {
  return renderer().render(template, context);
}

/** GOV.UK Frontend's CSS (its url()s to hashed asset names), for inlining into self-contained pages stored in S3. */
export function govukCss(): string {
  return renderer().govukCss();
}

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
import { renderFiles } from './bundle-files';
import type { RenderFiles } from './render-files';
import { siteFilesOf, type SiteFiles } from './site-files';

export interface Renderer extends SiteFiles {
  render(template: string, context: Record<string, unknown>): string;
}

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
  const site = siteFilesOf(files);
  const env = new nunjucks.Environment(loaderOf(files), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addGlobal('assetHref', (path: string) => site.assets().url(path));
  return { ...site, render: (template, context) => env.render(template, context) };
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

/**
 * What pages need from the render files besides the template engine: the content-hashed assets,
 * GOV.UK's stylesheet as served, and the inline blocks our templates (and GOV.UK's) may put in a
 * page, which the CSP allows by hash. No nunjucks here: a function that only serves pages stored
 * earlier (the public site's reports, a briefing) sends them with the right headers without ever
 * loading the template engine. Built on first use, once per set of files.
 */
import { buildAssetCatalogue, type AssetCatalogue } from './assets';
import { renderFiles } from './bundle-files';
import { inlineBlocksOf, type InlineBlocks } from './inline-blocks';
import type { RenderFiles } from './render-files';

export interface SiteFiles {
  /** The assets pages link to, built (and hashed) on first use. */
  assets(): AssetCatalogue;
  /** GOV.UK's stylesheet as served, for pages stored in S3 that carry it inline. */
  govukCss(): string;
  /** The inline scripts and styles our templates (and GOV.UK's) may put in a page, for the CSP. */
  inlineBlocks(): InlineBlocks;
}

const GOVUK_TEMPLATE = 'govuk/template.njk';

function createSiteFiles(files: RenderFiles): SiteFiles {
  let catalogue: AssetCatalogue | undefined;
  let blocks: InlineBlocks | undefined;
  const assets = () => (catalogue ??= buildAssetCatalogue(files));
  return {
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

const built = new WeakMap<RenderFiles, SiteFiles>();

/** The site files over a set of render files (in memory in tests). */
export function siteFilesOf(files: RenderFiles): SiteFiles {
  let site = built.get(files);
  if (!site) built.set(files, (site = createSiteFiles(files)));
  return site;
}

/** The site files over the render files in use (the bundle's unless a test handed others). */
export function siteFiles(): SiteFiles {
  return siteFilesOf(renderFiles());
}

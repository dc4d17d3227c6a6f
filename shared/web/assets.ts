/**
 * The static assets every page uses, under /assets/: GOV.UK Frontend's stylesheet, fonts, crest,
 * favicons and web manifest, and our bundled browser scripts. Each gets a content-hashed name
 * (`govuk-frontend.min.3f9c0a1b2c4d.css`), so it can be cached for a year and a new release is a
 * new URL; the stylesheet's and manifest's own references are rewritten to the hashed names first.
 * The plain names are served too, with a short cache, for pages stored before a release.
 * Pure: built from the render files it is handed.
 */
import { createHash } from 'node:crypto';
import type { RenderFiles } from './render-files';

export const ASSETS_PREFIX = '/assets/';

export interface Asset {
  /** Its plain name under /assets/: 'govuk-frontend.min.css', 'fonts/bold-b542beb274-v2.woff2'. */
  readonly path: string;
  /** Its content-hashed name under /assets/. */
  readonly hashedPath: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** Strong validator: the content hash. */
  readonly etag: string;
  /** Text-like (worth gzip or brotli); fonts and PNGs are compressed already. */
  readonly compressible: boolean;
}

export interface AssetCatalogue {
  readonly assets: readonly Asset[];
  /** GOV.UK's stylesheet as served (url()s to hashed names), for pages that inline it. */
  readonly css: string;
  /** The root-relative, content-hashed URL of an asset by its plain name; the plain URL if unknown. */
  url(path: string): string;
  /** The asset a request path under /assets/ names; `immutable` when it was asked for by its hash. */
  lookup(requestPath: string): { readonly asset: Asset; readonly immutable: boolean } | undefined;
}

const TYPES: Record<string, { type: string; compressible: boolean }> = {
  css: { type: 'text/css; charset=utf-8', compressible: true },
  js: { type: 'text/javascript; charset=utf-8', compressible: true },
  json: { type: 'application/manifest+json; charset=utf-8', compressible: true },
  svg: { type: 'image/svg+xml', compressible: true },
  ico: { type: 'image/x-icon', compressible: true },
  png: { type: 'image/png', compressible: false },
  woff2: { type: 'font/woff2', compressible: false },
  woff: { type: 'font/woff', compressible: false },
};

/** Files the page head links (GOV.UK template's icons); the stylesheet's url()s are found in it. */
export const HEAD_ASSETS = ['images/favicon.ico', 'images/favicon.svg', 'images/govuk-icon-mask.svg', 'images/govuk-icon-180.png'] as const;
export const STYLESHEET = 'govuk-frontend.min.css';
export const MANIFEST = 'manifest.json';
/** Our bundled browser scripts (shared/web/browser/dist). */
export const BROWSER_SCRIPTS = ['findings.js'] as const;

const CSS_URL = /url\((['"]?)\/assets\/([^'")]+)\1\)/g;

const extensionOf = (path: string) => path.slice(path.lastIndexOf('.') + 1).toLowerCase();

function hashed(path: string, body: Buffer): { hashedPath: string; hash: string } {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = path.lastIndexOf('.');
  return { hash, hashedPath: `${path.slice(0, dot)}.${hash}${path.slice(dot)}` };
}

function makeAsset(path: string, body: Buffer): Asset {
  const kind = TYPES[extensionOf(path)] ?? { type: 'application/octet-stream', compressible: false };
  const { hash, hashedPath } = hashed(path, body);
  return { path, hashedPath, contentType: kind.type, body, etag: `"${hash}"`, compressible: kind.compressible };
}

/** GOV.UK's stylesheet with its url(/assets/...) pointing at hashed names, and without its source map comment. */
function stylesheet(files: RenderFiles, add: (path: string) => Asset | undefined): string | undefined {
  const css = files.govuk(STYLESHEET)?.toString('utf8');
  if (css === undefined) return undefined;
  return css
    .replace(CSS_URL, (whole, quote: string, path: string) => {
      const asset = add(path);
      return asset ? `url(${quote}${ASSETS_PREFIX}${asset.hashedPath}${quote})` : whole;
    })
    .replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '');
}

/** The web manifest, its icons pointing at hashed names (relative to /assets/, where it is served). */
function manifest(files: RenderFiles, add: (path: string) => Asset | undefined): Buffer | undefined {
  const raw = files.govuk(`assets/${MANIFEST}`);
  if (!raw) return undefined;
  const parsed = JSON.parse(raw.toString('utf8')) as { icons?: { src: string }[] };
  for (const icon of parsed.icons ?? []) icon.src = add(icon.src)?.hashedPath ?? icon.src;
  return Buffer.from(JSON.stringify(parsed));
}

export function buildAssetCatalogue(files: RenderFiles): AssetCatalogue {
  const byPath = new Map<string, Asset>();
  const put = (path: string, body: Buffer | undefined): Asset | undefined => {
    if (!body) return undefined;
    const asset = makeAsset(path, body);
    byPath.set(path, asset);
    return asset;
  };
  const addGovuk = (path: string): Asset | undefined => byPath.get(path) ?? put(path, files.govuk(`assets/${path}`));

  for (const path of HEAD_ASSETS) addGovuk(path);
  const css = stylesheet(files, addGovuk);
  put(STYLESHEET, css === undefined ? undefined : Buffer.from(css, 'utf8'));
  put(MANIFEST, manifest(files, addGovuk));
  for (const name of BROWSER_SCRIPTS) put(name, files.browserScript(name));

  const byHashedPath = new Map([...byPath.values()].map((a) => [a.hashedPath, a]));
  return {
    assets: [...byPath.values()],
    css: css ?? '',
    url: (path) => `${ASSETS_PREFIX}${byPath.get(path)?.hashedPath ?? path}`,
    lookup: (requestPath) => {
      if (!requestPath.startsWith(ASSETS_PREFIX)) return undefined;
      const name = requestPath.slice(ASSETS_PREFIX.length);
      const pinned = byHashedPath.get(name);
      if (pinned) return { asset: pinned, immutable: true };
      const plain = byPath.get(name);
      return plain ? { asset: plain, immutable: false } : undefined;
    },
  };
}

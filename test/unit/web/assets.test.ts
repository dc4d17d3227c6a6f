import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assetResponse, IMMUTABLE_CACHE, PLAIN_NAME_CACHE } from '../../../shared/web/asset-response';
import { buildAssetCatalogue } from '../../../shared/web/assets';
import { chooseEncoding } from '../../../shared/web/compression';
import { memoryRenderFiles } from '../../../shared/web/render-files';

const CSS =
  '@font-face{font-family:GDS Transport;src:url(/assets/fonts/light-1-v2.woff2) format("woff2")}.govuk-footer{background:url("/assets/images/govuk-crest.svg")}' +
  '.govuk-body{margin:0}'.repeat(100) +
  '\n/*# sourceMappingURL=govuk-frontend.min.css.map */';
const files = memoryRenderFiles({
  govuk: {
    'govuk-frontend.min.css': CSS,
    'assets/fonts/light-1-v2.woff2': new Uint8Array([1, 2, 3, 4]),
    'assets/images/govuk-crest.svg': '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    'assets/images/favicon.ico': new Uint8Array(2000).fill(7),
    'assets/images/govuk-icon-192.png': new Uint8Array([9, 9]),
    'assets/manifest.json': JSON.stringify({ icons: [{ src: 'images/favicon.ico' }, { src: 'images/govuk-icon-192.png' }] }),
  },
  browser: { 'findings.js': 'console.log("form ready");'.repeat(100) },
});
const HASHED = /\.[0-9a-f]{12}\./;

const get = (path: string, headers: Record<string, string> = {}) => assetResponse(buildAssetCatalogue(files), { path, method: 'GET', headers });

describe('the asset catalogue', () => {
  it('names every asset by its content hash, and points the stylesheet at the hashed fonts and crest', () => {
    const catalogue = buildAssetCatalogue(files);
    const css = catalogue.url('govuk-frontend.min.css');
    expect(css).toMatch(/^\/assets\/govuk-frontend\.min\.[0-9a-f]{12}\.css$/);
    expect(catalogue.url('findings.js')).toMatch(/^\/assets\/findings\.[0-9a-f]{12}\.js$/);
    expect(catalogue.css).toContain(`url(${catalogue.url('fonts/light-1-v2.woff2')})`);
    expect(catalogue.css).toContain(`url("${catalogue.url('images/govuk-crest.svg')}")`);
    expect(catalogue.css).not.toMatch(/url\("?\/assets\/(fonts\/light-1-v2\.woff2|images\/govuk-crest\.svg)"?\)/);
    expect(catalogue.css).not.toContain('sourceMappingURL');
    for (const path of ['fonts/light-1-v2.woff2', 'images/govuk-crest.svg', 'images/favicon.ico', 'manifest.json']) expect(catalogue.url(path)).toMatch(HASHED);
  });

  it('gives a changed file a new name and an unchanged one the same name', () => {
    const before = buildAssetCatalogue(files);
    const after = buildAssetCatalogue(memoryRenderFiles({ browser: { 'findings.js': 'console.log("form ready, v2")' } }));
    expect(after.url('findings.js')).not.toBe(before.url('findings.js'));
    expect(buildAssetCatalogue(files).url('findings.js')).toBe(before.url('findings.js'));
  });

  it("points the web manifest's icons at their hashed names", () => {
    const catalogue = buildAssetCatalogue(files);
    const manifest = JSON.parse(catalogue.lookup(catalogue.url('manifest.json'))!.asset.body.toString('utf8')) as { icons: { src: string }[] };
    expect(manifest.icons.map((i) => `/assets/${i.src}`)).toEqual([catalogue.url('images/favicon.ico'), catalogue.url('images/govuk-icon-192.png')]);
  });

  it('falls back to the plain URL for an asset it does not have (a browser bundle not built yet)', () => {
    expect(buildAssetCatalogue(memoryRenderFiles({})).url('findings.js')).toBe('/assets/findings.js');
  });
});

describe('serving assets', () => {
  const catalogue = buildAssetCatalogue(files);

  it('serves a hashed name for a year (immutable), brotli-compressed when the browser accepts it', () => {
    const res = get(catalogue.url('govuk-frontend.min.css'), { 'accept-encoding': 'gzip, deflate, br, zstd' })!;
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'text/css; charset=utf-8',
      'cache-control': IMMUTABLE_CACHE,
      'content-encoding': 'br',
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
    });
    expect(brotliDecompressSync(Buffer.from(String(res.body), 'base64')).toString('utf8')).toBe(catalogue.css);
  });

  it('serves gzip to a browser without brotli, and the plain bytes to one that accepts neither', () => {
    const gz = get(catalogue.url('findings.js'), { 'accept-encoding': 'gzip' })!;
    expect(gz.headers?.['content-encoding']).toBe('gzip');
    const plain = Buffer.from(files.browserScript('findings.js')!);
    expect(gunzipSync(Buffer.from(String(gz.body), 'base64'))).toEqual(plain);
    const none = get(catalogue.url('findings.js'), { 'accept-encoding': 'br;q=0, gzip;q=0' })!;
    expect(none.headers?.['content-encoding']).toBeUndefined();
    expect(Buffer.from(String(none.body), 'base64')).toEqual(plain);
  });

  it('never recompresses fonts (woff2 is compressed already)', () => {
    const res = get(catalogue.url('fonts/light-1-v2.woff2'), { 'accept-encoding': 'br' })!;
    expect(res.headers).toMatchObject({ 'content-type': 'font/woff2', 'cache-control': IMMUTABLE_CACHE });
    expect(res.headers?.['content-encoding']).toBeUndefined();
  });

  it('serves the plain name too, for pages stored before a release, with an hour of cache', () => {
    const res = get('/assets/images/govuk-crest.svg')!;
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['cache-control']).toBe(PLAIN_NAME_CACHE);
  });

  it('answers 304 when the browser already has the same bytes', () => {
    const first = get(catalogue.url('findings.js'))!;
    const again = get(catalogue.url('findings.js'), { 'if-none-match': String(first.headers?.etag) })!;
    expect(again.statusCode).toBe(304);
    expect(again.body).toBeUndefined();
  });

  it('has nothing for an unknown name, a wrong hash or a path that climbs out', () => {
    expect(get('/assets/package.json')).toBeUndefined();
    expect(get('/assets/findings.000000000000.js')).toBeUndefined();
    expect(get('/assets/../../.local/link-secret')).toBeUndefined();
    expect(get('/assets/fonts/../../package.json')).toBeUndefined();
  });

  it('reads Accept-Encoding as RFC 9110 says: q=0 refuses a coding', () => {
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('BR')).toBe('br');
    expect(chooseEncoding('deflate')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
  });
});

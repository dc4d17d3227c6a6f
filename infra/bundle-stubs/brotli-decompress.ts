/**
 * Stands in for `brotli/decompress.js` in Lambda bundles (infra/bundling.ts). fontkit uses brotli
 * only to open WOFF2 fonts; the PDF renderer embeds TTF fonts (DejaVu), so the 475 KB brotli
 * dictionary, decoded at every cold start, is left out.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts cannot be opened in this bundle (infra/bundling.ts leaves brotli out): use a TTF font');
}

/**
 * The fonts embedded in every PDF: DejaVu Sans covers Welsh diacritics (ŵ, ŷ), other European
 * letters and typographic punctuation. They come from the npm package `dejavu-fonts-ttf` in
 * development and from `fonts/` beside the bundle inside a Lambda (the CDK bundling step copies
 * them); the render files adapter (shared/web/bundle-files.ts) finds and reads them.
 */
import { renderFiles } from '../web/bundle-files';

export const PDF_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'] as const;
export type PdfFontFile = (typeof PDF_FONT_FILES)[number];

/** A PDF font's bytes, from the render files in use. */
export function pdfFontBytes(file: PdfFontFile): Buffer {
  const bytes = renderFiles().pdfFont(file);
  if (!bytes) throw new Error(`PDF font ${file} not found: run \`npm ci\` (it comes from the dejavu-fonts-ttf package) or check the Lambda bundle has fonts/.`);
  return bytes;
}

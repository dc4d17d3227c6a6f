/**
 * The fonts embedded in every PDF: DejaVu Sans covers Welsh diacritics (ŵ, ŷ), other European
 * letters and typographic punctuation. They come from the npm package `dejavu-fonts-ttf` in
 * development and from `fonts/` beside the bundle inside a Lambda (the CDK bundling step copies them).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PDF_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'] as const;
export type PdfFontFile = (typeof PDF_FONT_FILES)[number];

let fontDir: string | undefined;

function findFontDir(): string {
  const lambdaRoot = process.env.LAMBDA_TASK_ROOT;
  if (lambdaRoot && existsSync(join(lambdaRoot, 'fonts', PDF_FONT_FILES[0]))) return join(lambdaRoot, 'fonts');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
    if (existsSync(join(candidate, PDF_FONT_FILES[0]))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('PDF fonts not found: run `npm ci` (they come from the dejavu-fonts-ttf package) or check the Lambda bundle has fonts/.');
}

export function pdfFontPath(file: PdfFontFile): string {
  fontDir ??= findFontDir();
  return join(fontDir, file);
}

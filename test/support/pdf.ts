/** Reading PDFs back in tests: text per page (pdfjs-dist) and a page rendered to PNG (@napi-rs/canvas). */
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function open(pdf: Uint8Array) {
  return getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

export async function pdfInfo(pdf: Uint8Array): Promise<{ pages: number; title?: string; outline: string[] }> {
  const doc = await open(pdf);
  const meta = await doc.getMetadata();
  const outline = (await doc.getOutline()) ?? [];
  const flat: string[] = [];
  const walk = (items: readonly { title: string; items?: unknown }[]): void =>
    items.forEach((i) => {
      flat.push(i.title);
      walk(Array.isArray(i.items) ? (i.items as { title: string; items?: unknown }[]) : []);
    });
  walk(outline);
  return { pages: doc.numPages, title: (meta.info as { Title?: string }).Title, outline: flat };
}

export async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const doc = await open(pdf);
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  return pages;
}

export async function pdfPageToPng(pdf: Uint8Array, pageNumber = 1, scale = 1.5): Promise<Buffer> {
  const doc = await open(pdf);
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // pdfjs types its canvas as a DOM canvas; @napi-rs/canvas implements the same 2D API.
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
  return canvas.toBuffer('image/png');
}

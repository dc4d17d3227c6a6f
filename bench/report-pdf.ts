/**
 * PDF rendering cost: our pdfkit renderer vs headless Chromium printing the same report's HTML
 * (Debian chromium through playwright-core). Chromium is launched once and kept warm, so the
 * comparison is per PDF, not per browser start.
 */
import { chromium } from 'playwright-core';
import { renderReportHtml } from '../shared/reports/render-html';
import { renderReportPdf } from '../shared/reports/render-pdf';
import { typicalReportModel } from '../test/support/report-fixture';
import { chromiumPath } from '../test/support/browser';

export async function benchReportPdf(n: number): Promise<{ oursMsPerPdf: number; chromiumMsPerPdf: number; ratio: number; pdfs: number; oursBytes: number; chromiumBytes: number }> {
  const model = typicalReportModel();
  const html = renderReportHtml(model);
  // Warm both up once (font loading, JIT) before timing.
  let ours = await renderReportPdf(model);
  let started = performance.now();
  for (let i = 0; i < n; i++) ours = await renderReportPdf(model);
  const oursMs = (performance.now() - started) / n;

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const print = async () => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, footerTemplate: '<div style="font-size:9px;width:100%;text-align:right;margin-right:1cm">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>', headerTemplate: '<div></div>', margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
    };
    let theirs = await print();
    started = performance.now();
    for (let i = 0; i < n; i++) theirs = await print();
    const chromiumMs = (performance.now() - started) / n;
    return {
      oursMsPerPdf: Number(oursMs.toFixed(1)),
      chromiumMsPerPdf: Number(chromiumMs.toFixed(1)),
      ratio: Number((oursMs / chromiumMs).toFixed(3)),
      pdfs: n,
      oursBytes: ours.length,
      chromiumBytes: theirs.length,
    };
  } finally {
    await browser.close();
  }
}

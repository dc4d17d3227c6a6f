/**
 * PDF rendering cost: our pdfkit renderer vs headless Chromium printing the same report's HTML
 * (Debian chromium through playwright-core). Chromium is launched once and kept warm, so the
 * comparison is per PDF, not per browser start.
 */
import { renderReportHtml } from '../shared/reports/render-html';
import { renderReportPdf } from '../shared/reports/render-pdf';
import { variedReportModel } from '../test/support/report-fixture';
import { launchChromium } from '../test/support/browser';

export async function benchReportPdf(
  n: number,
): Promise<{ oursMsPerPdf: number; chromiumMsPerPdf: number; ratio: number; pdfs: number; oursBytes: number; chromiumBytes: number }> {
  // n different reports (no two share their text) plus one to warm each renderer up (fonts, JIT).
  const models = Array.from({ length: n + 1 }, (_, i) => variedReportModel(i));
  const htmls = models.map((m) => renderReportHtml(m));
  await renderReportPdf(models[n]!); // warm-up; its bytes are not counted
  let oursBytes = 0;
  let started = performance.now();
  for (let i = 0; i < n; i++) oursBytes += (await renderReportPdf(models[i]!)).length;
  const oursMs = (performance.now() - started) / n;

  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const print = async (html: string) => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        footerTemplate:
          '<div style="font-size:9px;width:100%;text-align:right;margin-right:1cm">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
        headerTemplate: '<div></div>',
        margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' },
      });
    };
    let theirs = await print(htmls[n]!);
    let theirBytes = 0;
    started = performance.now();
    for (let i = 0; i < n; i++) {
      theirs = await print(htmls[i]!);
      theirBytes += theirs.length;
    }
    const chromiumMs = (performance.now() - started) / n;
    return {
      oursMsPerPdf: Number(oursMs.toFixed(1)),
      chromiumMsPerPdf: Number(chromiumMs.toFixed(1)),
      ratio: Number((oursMs / chromiumMs).toFixed(3)),
      pdfs: n,
      oursBytes: Math.round(oursBytes / n),
      chromiumBytes: Math.round(theirBytes / n),
    };
  } finally {
    await browser.close();
  }
}

/**
 * Bundled with a function's Lambda settings by test/unit/infra/bundling.test.ts and run in a
 * fresh Node process: renders a report PDF (fontkit without WOFF2 support), then prints what it got
 * as JSON. The renderer is imported as the publication worker imports it, on first use, so it comes
 * from a chunk of the bundle.
 */
import { typicalReportModel } from './report-fixture';

const { renderReportPdf } = await import('../../shared/reports/render-pdf');
const pdf = await renderReportPdf(typicalReportModel());
console.log(JSON.stringify({ pdfHeader: pdf.subarray(0, 5).toString('latin1'), pdfBytes: pdf.length }));

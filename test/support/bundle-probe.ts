/**
 * Bundled with a function's Lambda settings by test/unit/infra/bundling.test.ts and run in a
 * fresh Node process: renders a report PDF (fontkit without WOFF2 support), then prints what it got
 * as JSON.
 */
import { renderReportPdf } from '../../shared/reports/render-pdf';
import { typicalReportModel } from './report-fixture';

const pdf = await renderReportPdf(typicalReportModel());
console.log(JSON.stringify({ pdfHeader: pdf.subarray(0, 5).toString('latin1'), pdfBytes: pdf.length }));

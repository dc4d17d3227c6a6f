/**
 * Bundled with a function's Lambda settings by test/unit/infra/bundling.test.ts and run in a
 * fresh Node process: renders a report PDF (fontkit without WOFF2 support) and decodes Windows-1252
 * (iconv-lite without its CJK tables), then prints what it got as JSON.
 */
import iconv from 'iconv-lite';
import { renderReportPdf } from '../../shared/reports/render-pdf';
import { typicalReportModel } from './report-fixture';

const pdf = await renderReportPdf(typicalReportModel());
const decoder = iconv.getDecoder('win1252');
const text = decoder.write(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x59, 0x6e, 0x79, 0x73])) + (decoder.end() ?? '');
console.log(JSON.stringify({ pdfHeader: pdf.subarray(0, 5).toString('latin1'), pdfBytes: pdf.length, text }));

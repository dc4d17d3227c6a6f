/**
 * Everything that renders a published document (GOV.UK HTML through nunjucks, PDFs through pdfkit
 * and fontkit, the reports index), in one module the publication worker loads on first use
 * (shared/publication/publish-report.ts): most changes it handles are not publications, so its
 * cold starts need not read or run any of it. The bundle puts this module in a chunk of its own.
 */
export { renderBriefingHtml, renderReportHtml, renderWithdrawalNotice } from './render-html';
export { renderBriefingPdf, renderReportPdf } from './render-pdf';
export { indexEntries, renderPublishedIndex } from './published-index';

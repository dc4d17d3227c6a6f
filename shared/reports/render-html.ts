/**
 * The HTML documents, every value autoescaped by nunjucks: the public report (stored with GOV.UK
 * styles inlined, or a draft inside a page), the restricted briefing, the notice that replaces a
 * withdrawn report, and the report body alone (for pages that show a report inside themselves).
 */
import { govukCss, renderTemplate } from '../web/render';
import type { Briefing, PublicReport, ReportFact } from './report-model';

const rowsOf = (list: readonly ReportFact[]) => list.map((f) => ({ key: { text: f.label }, value: { text: f.value } }));

/** A whole page. Stored documents inline the GOV.UK CSS; pages served by a function link to it. */
export function renderReportHtml(report: PublicReport, options: { inlineCss?: boolean; pdfHref?: string } = {}): string {
  return renderTemplate('report/report.njk', {
    pageTitle: report.status === 'draft' ? `DRAFT: ${report.title}` : report.title,
    inlineCss: options.inlineCss === false ? undefined : govukCss(),
    footerText:
      report.status === 'draft' ? `DRAFT visit report ${report.visitId}: not published` : `Visit report ${report.visitId}, published ${report.publishedOn}`,
    r: report,
    pdfHref: options.pdfHref,
    rowsOf,
  });
}

/** The report's sections alone, headings from h3, for a page that holds it (check your answers, review). */
export function renderReportBody(report: PublicReport, idPrefix = ''): string {
  return renderTemplate('report/_body.njk', { r: report, h: 3, idPrefix, rowsOf });
}

export function renderBriefingHtml(briefing: Briefing, options: { inlineCss?: boolean } = {}): string {
  return renderTemplate('report/briefing.njk', {
    pageTitle: `OFFICIAL-SENSITIVE: briefing: ${briefing.report.title}`,
    inlineCss: options.inlineCss === false ? undefined : govukCss(),
    footerText: `OFFICIAL-SENSITIVE. Commissioner briefing for visit ${briefing.report.visitId}. Do not forward or publish.`,
    r: briefing.report,
    x: briefing.restricted,
    rowsOf,
  });
}

export function renderWithdrawalNotice(n: { visitId: string; targetName: string; localAuthority: string; withdrawnOn: string }): string {
  return renderTemplate('report/withdrawn.njk', { pageTitle: 'This report has been withdrawn', inlineCss: govukCss(), ...n });
}

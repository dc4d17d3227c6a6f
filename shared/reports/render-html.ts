/** The HTML report: GOV.UK styles inlined, every inspector value autoescaped by nunjucks. */
import { govukCss, renderTemplate } from '../web/render';
import { paragraphsOf, type ReportFact, type ReportModel } from './report-model';

const rowsOf = (list: readonly ReportFact[]) => list.map((f) => ({ key: { text: f.label }, value: { text: f.value } }));

export function renderReportHtml(model: ReportModel, options: { inlineCss?: boolean } = {}): string {
  return renderTemplate('report/report.njk', {
    pageTitle: model.title,
    inlineCss: options.inlineCss === false ? undefined : govukCss(),
    footerText: `Visit report ${model.visitId}, version ${model.version}, published ${model.publishedOn}`,
    m: model,
    pdfHref: `v${model.version}.pdf`,
    rowsOf,
    paragraphs: paragraphsOf,
  });
}

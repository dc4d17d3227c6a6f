/**
 * Where a visit's documents are kept in the reports bucket:
 *
 * | what                                   | key                                                   | who reads it |
 * |----------------------------------------|-------------------------------------------------------|--------------|
 * | the public report, current edition     | reports/{la}/{urn-or-la}/{visitId}/report.html, .pdf  | public site  |
 * | the index of published reports         | reports/index.html                                    | public site  |
 * | every public edition, kept for the record | restricted/editions/{visitId}/e{n}.html, .pdf      | nobody online (ops, erasure) |
 * | the commissioners' briefing, by edition | restricted/briefings/{visitId}/e{n}.html, .pdf       | briefing page, notifier |
 *
 * The public site's role may read `reports/` only (the CDK test proves it), so briefings, drafts
 * and earlier editions can never be served by it. Drafts are never stored: the reviewer's and
 * the contact's pages render them on request. Keys hold the LA and the URN (both may be public),
 * never a children's home's name.
 */
import { prefixes } from '../../infra/catalogue';
import { slug } from './report-model';

export type Format = 'html' | 'pdf';

interface Where {
  readonly localAuthority: string;
  /** URN for a provider, the LA for an LA. */
  readonly target: string;
  readonly visitId: string;
}

/** The folder of a visit's public report: stable across editions, so links in emails keep working. */
export const publicReportFolder = (w: Where): string => `${prefixes.reports}${slug(w.localAuthority)}/${slug(w.target)}/${w.visitId}/`;
export const publicReportKey = (w: Where, format: Format): string => `${publicReportFolder(w)}report.${format}`;
export const publishedIndexKey = `${prefixes.reports}index.html`;
export const editionKey = (visitId: string, edition: number, format: Format): string => `${prefixes.restricted}editions/${visitId}/e${edition}.${format}`;
export const briefingKey = (visitId: string, edition: number, format: Format): string => `${prefixes.restricted}briefings/${visitId}/e${edition}.${format}`;
/** Everything restricted about one visit (erasure lists it). */
export const restrictedPrefixes = (visitId: string): string[] => [`${prefixes.restricted}editions/${visitId}/`, `${prefixes.restricted}briefings/${visitId}/`];

/** reports/{la}/{target}/{visitId}/report.html|pdf: the only shape a public report has. */
export const PUBLIC_REPORT_KEY = /^reports\/[a-z0-9-]{1,100}\/[a-z0-9-]{1,100}\/([A-Za-z0-9-]{1,64})\/report\.(html|pdf)$/;

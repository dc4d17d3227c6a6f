/**
 * What follows a publish, an amendment or a withdrawal: the edition's documents (the public report
 * in HTML and PDF, and the commissioners' briefing), the public report's stable address brought up
 * to date, the index, and the emails (the report to each commissioner whose subscription covers it;
 * amendment and withdrawal notices to everyone who was emailed it).
 *
 * Handled per history entry, and safe in any order and any number of times: each edition's own
 * documents and record are written under its number (the same bytes each time), the public address
 * only ever shows the newest edition, and each email is sent once (the notifier de-duplicates).
 */
import type { Commissioner, Visit } from '../domain/types';
import type { NotifyMessage } from '../notify/messages';
import { matchesCommissioner } from '../notify/matching';
import { briefingKey, editionKey, publicReportKey, publishedIndexKey, type Format } from '../object-keys';
import { ukDate } from '../domain/dates';
import { editionDocuments, editionOf, latestEditionEntry, type DocumentSources } from './documents';
import type { HistoryEntry, Publication } from './lifecycle';
import type { ReportEdition, ReportRecipient } from './records';

/**
 * The renderers (nunjucks and GOV.UK's templates, pdfkit, fontkit and the fonts) are loaded on
 * first use: most changes the publication worker handles are not publications, and it need not pay
 * for them at every cold start.
 */
const renderers = () => import('../reports/renderers');

export interface PublisherPorts {
  loadSources(visitId: string, version: number): Promise<DocumentSources>;
  putObject(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  deleteObject(key: string): Promise<void>;
  putEdition(edition: ReportEdition): Promise<void>;
  listEditions(): Promise<ReportEdition[]>;
  listCommissioners(): Promise<Commissioner[]>;
  listRecipients(visitId: string): Promise<ReportRecipient[]>;
  queue(messages: readonly NotifyMessage[]): Promise<void>;
  readonly reportsPrefix: string;
}

const TYPES: Record<Format, string> = { html: 'text/html; charset=utf-8', pdf: 'application/pdf' };

const editionKind = (entry: HistoryEntry): ReportEdition['kind'] =>
  entry.action === 'publish' ? 'publication' : entry.action === 'amend' ? 'amendment' : 'withdrawal';

/** The edition an entry made: documents kept for the record, the briefing, and its record. Returns the record. */
async function writeEdition(
  ports: PublisherPorts,
  publication: Publication,
  entry: HistoryEntry,
  edition: number,
): Promise<{ record: ReportEdition; visit: Visit; html?: string; pdf?: Uint8Array }> {
  const sources = await ports.loadSources(publication.visitId, entry.version);
  const { report, briefing } = editionDocuments(sources, publication, entry);
  const visit = sources.visit;
  const where = { localAuthority: visit.localAuthority, target: visit.target, visitId: visit.visitId };
  const record: ReportEdition = {
    visitId: visit.visitId,
    edition,
    kind: editionKind(entry),
    version: entry.version,
    title: report.title,
    targetName: report.targetName,
    ...(visit.kind === 'provider' ? { urn: visit.target } : {}),
    localAuthority: visit.localAuthority,
    region: visit.region,
    publishedAt: publication.publishedAt ?? entry.at,
    at: entry.at,
    htmlKey: publicReportKey(where, 'html'),
    ...(entry.action === 'withdraw' ? {} : { pdfKey: publicReportKey(where, 'pdf') }),
    seriousConcerns: sources.findings.findings.seriousConcerns,
    ...(entry.action === 'amend' && entry.reason ? { note: entry.reason } : {}),
  };
  const { renderBriefingHtml, renderBriefingPdf, renderReportHtml, renderReportPdf, renderWithdrawalNotice } = await renderers();
  if (entry.action === 'withdraw') {
    const notice = renderWithdrawalNotice({
      visitId: visit.visitId,
      targetName: report.targetName,
      localAuthority: visit.localAuthority,
      withdrawnOn: ukDate(entry.at),
    });
    await ports.putObject(editionKey(visit.visitId, edition, 'html'), notice, TYPES.html);
    await ports.putEdition(record);
    return { record, visit, html: notice };
  }
  const html = renderReportHtml(report, { pdfHref: 'report.pdf' });
  const pdf = await renderReportPdf(report);
  await Promise.all([
    ports.putObject(editionKey(visit.visitId, edition, 'html'), html, TYPES.html),
    ports.putObject(editionKey(visit.visitId, edition, 'pdf'), pdf, TYPES.pdf),
    ports.putObject(briefingKey(visit.visitId, edition, 'html'), renderBriefingHtml(briefing), TYPES.html),
    ports.putObject(briefingKey(visit.visitId, edition, 'pdf'), await renderBriefingPdf(briefing), TYPES.pdf),
  ]);
  await ports.putEdition(record);
  return { record, visit, html, pdf };
}

/** Who is told about an edition. */
async function notices(ports: PublisherPorts, entry: HistoryEntry, record: ReportEdition, visit: Visit): Promise<NotifyMessage[]> {
  if (entry.action === 'publish') {
    const area = { localAuthority: visit.localAuthority, region: visit.region, urn: record.urn };
    return (await ports.listCommissioners())
      .filter((c) => matchesCommissioner(c, area))
      .map((c) => ({ kind: 'report', visitId: visit.visitId, edition: record.edition, commissionerId: c.commissionerId }));
  }
  const kind = entry.action === 'amend' ? 'amended' : 'withdrawn';
  return (await ports.listRecipients(visit.visitId)).map((r) => ({
    kind,
    visitId: visit.visitId,
    edition: record.edition,
    email: r.email,
    ...(r.commissionerId ? { commissionerId: r.commissionerId } : {}),
  }));
}

export async function regenerateIndex(ports: Pick<PublisherPorts, 'listEditions' | 'putObject' | 'reportsPrefix'>): Promise<number> {
  const { indexEntries, renderPublishedIndex } = await renderers();
  const entries = indexEntries(await ports.listEditions(), ports.reportsPrefix);
  await ports.putObject(publishedIndexKey, renderPublishedIndex(entries), TYPES.html);
  return entries.length;
}

export type PublishOutcome = { readonly edition: number; readonly current: boolean; readonly queued: number } | { readonly edition: undefined };

/** Everything that follows one publish, amend or withdraw entry of a visit's history. */
export async function publishEdition(ports: PublisherPorts, publication: Publication, entry: HistoryEntry): Promise<PublishOutcome> {
  const edition = editionOf(publication, entry);
  if (edition === undefined) return { edition: undefined };
  const { record, visit, html, pdf } = await writeEdition(ports, publication, entry, edition);
  // The public address shows the newest edition only: an older entry handled late leaves it alone.
  const current = latestEditionEntry(publication)?.seq === entry.seq;
  if (current) {
    await ports.putObject(record.htmlKey, html!, TYPES.html);
    if (entry.action === 'withdraw') await ports.deleteObject(publicReportKey(visit, 'pdf'));
    else await ports.putObject(record.pdfKey!, pdf!, TYPES.pdf);
  }
  await regenerateIndex(ports);
  const messages = await notices(ports, entry, record, visit);
  await ports.queue(messages);
  return { edition, current, queued: messages.length };
}

/**
 * Sending one queued message: find what it is about, check it still applies (a commissioner still
 * subscribed, a review still waiting), compose the email and send it at most once (its
 * de-duplication key says what, about what, to whom). A report email sent records its recipient,
 * who is then told of amendments and a withdrawal.
 */
import { addDays, dateOf } from '../domain/calendar';
import type { Commissioner, Visit } from '../domain/types';
import { composeAmendmentNotice, composeWithdrawalNotice } from '../email/notice-email';
import { composeCommentToAnswer, composeFactualAccuracyRequest, composeReturnedEmail, composeReviewRequest } from '../email/people-email';
import { composeReportEmail } from '../email/report-email';
import type { ComposedEmail } from '../email/compose';
import { createVisitToken, visitLinkUrl } from '../findings/visit-token';
import { emailKeys } from '../keys';
import { editionDocuments, type DocumentSources } from '../publication/documents';
import type { Publication } from '../publication/lifecycle';
import type { ReportEdition, ReportRecipient } from '../publication/records';
import { createRoleToken, roleLinkUrl, type LinkRole } from '../publication/role-links';
import { briefingKey } from '../object-keys';
import { matchesCommissioner } from './matching';
import type { NotifyMessage } from './messages';
import { createUnsubscribeToken, unsubscribeUrl } from './unsubscribe-token';

export type SendOutcome = 'sent' | 'already-sent' | 'suppressed';
export type NotifyOutcome = SendOutcome | 'no-recipient' | 'no-longer-applies';

export interface NotifyPorts {
  getCommissioner(id: string): Promise<Commissioner | undefined>;
  getVisit(visitId: string): Promise<Visit | undefined>;
  getPublication(visitId: string): Promise<Publication | undefined>;
  getEdition(visitId: string, edition: number): Promise<ReportEdition | undefined>;
  loadSources(visitId: string, version: number): Promise<DocumentSources>;
  /** A stored object's bytes when no larger than `maxBytes`, else undefined. */
  readSmallObject(key: string, maxBytes: number): Promise<Uint8Array | undefined>;
  sendOnce(dedupeKey: string, email: ComposedEmail): Promise<SendOutcome>;
  putRecipient(r: ReportRecipient): Promise<void>;
  secret(): Promise<string>;
  readonly webBaseUrl: string;
  readonly sender: string;
  readonly limits: {
    readonly attachmentMaxBytes: number;
    readonly briefingLinkDays: number;
    readonly reviewerLinkDays: number;
    readonly visitLinkDays: number;
  };
  now(): Date;
}

const DAY = 86_400_000;

async function roleLink(ports: NotifyPorts, role: LinkRole, visitId: string, subject: string, expiresAt: Date): Promise<string> {
  return roleLinkUrl(ports.webBaseUrl, role, visitId, createRoleToken(await ports.secret(), { role, visitId, subject, expiresAt: expiresAt.toISOString() }));
}

const briefingLink = async (ports: NotifyPorts, visitId: string, commissionerId: string) =>
  roleLink(ports, 'briefing', visitId, commissionerId, new Date(ports.now().getTime() + ports.limits.briefingLinkDays * DAY));

const publicUrl = (ports: NotifyPorts, e: ReportEdition) => `${ports.webBaseUrl}/${e.htmlKey}`;

const unsubscribe = async (ports: NotifyPorts, email: string) => unsubscribeUrl(ports.webBaseUrl, createUnsubscribeToken(await ports.secret(), email));

async function reportEmail(ports: NotifyPorts, m: Extract<NotifyMessage, { kind: 'report' }>): Promise<NotifyOutcome> {
  const commissioner = await ports.getCommissioner(m.commissionerId);
  if (!commissioner) return 'no-recipient';
  const [publication, edition] = await Promise.all([ports.getPublication(m.visitId), ports.getEdition(m.visitId, m.edition)]);
  const entry = publication?.history.find((h) => h.action === 'publish');
  if (!publication || !edition || !entry) throw new Error(`Report ${m.visitId} edition ${m.edition} is not published yet`);
  if (!matchesCommissioner(commissioner, { localAuthority: edition.localAuthority, region: edition.region, urn: edition.urn })) return 'no-longer-applies';
  const { briefing } = editionDocuments(await ports.loadSources(m.visitId, edition.version), publication, entry);
  const pdf = await ports.readSmallObject(briefingKey(m.visitId, m.edition, 'pdf'), ports.limits.attachmentMaxBytes);
  const email = composeReportEmail({
    commissioner,
    briefing,
    reportUrl: publicUrl(ports, edition),
    briefingUrl: await briefingLink(ports, m.visitId, commissioner.commissionerId),
    unsubscribeUrl: await unsubscribe(ports, commissioner.email),
    briefingPdf: pdf ? Buffer.from(pdf) : undefined,
    sender: ports.sender,
  });
  const outcome = await ports.sendOnce(emailKeys.report(m.visitId, m.edition, commissioner.email), email);
  if (outcome !== 'suppressed')
    await ports.putRecipient({
      visitId: m.visitId,
      email: commissioner.email,
      commissionerId: commissioner.commissionerId,
      name: commissioner.name,
      at: ports.now().toISOString(),
    });
  return outcome;
}

async function notice(ports: NotifyPorts, m: Extract<NotifyMessage, { kind: 'amended' | 'withdrawn' }>): Promise<NotifyOutcome> {
  const edition = await ports.getEdition(m.visitId, m.edition);
  if (!edition) throw new Error(`Report ${m.visitId} edition ${m.edition} is not recorded yet`);
  const commissioner = m.commissionerId ? await ports.getCommissioner(m.commissionerId) : undefined;
  const stillSubscribed =
    commissioner !== undefined && matchesCommissioner(commissioner, { localAuthority: edition.localAuthority, region: edition.region, urn: edition.urn });
  const input = {
    to: m.email,
    name: commissioner?.name,
    edition,
    reportUrl: publicUrl(ports, edition),
    briefingUrl: m.kind === 'amended' && stillSubscribed ? await briefingLink(ports, m.visitId, commissioner.commissionerId) : undefined,
    unsubscribeUrl: await unsubscribe(ports, m.email),
    sender: ports.sender,
  };
  const email = m.kind === 'amended' ? composeAmendmentNotice(input) : composeWithdrawalNotice(input);
  const key = m.kind === 'amended' ? emailKeys.amended(m.visitId, m.edition, m.email) : emailKeys.withdrawn(m.visitId, m.email);
  return ports.sendOnce(key, email);
}

/** Emails to reviewers, inspectors and contacts: only while the step they are about is still open. */
async function peopleEmail(ports: NotifyPorts, m: Extract<NotifyMessage, { kind: 'review' | 'returned' | 'factual' }>): Promise<NotifyOutcome> {
  const [visit, publication] = await Promise.all([ports.getVisit(m.visitId), ports.getPublication(m.visitId)]);
  if (!visit || !publication) return 'no-longer-applies';
  const now = ports.now();
  let email: ComposedEmail;
  let key: string;
  if (m.kind === 'review') {
    if (publication.state !== 'in-review' || publication.version !== m.version) return 'no-longer-applies';
    const expires = new Date(now.getTime() + ports.limits.reviewerLinkDays * DAY);
    email = composeReviewRequest({
      to: m.email,
      sender: ports.sender,
      link: await roleLink(ports, 'reviewer', visit.visitId, m.email, expires),
      visit,
      version: m.version,
      linkExpiresOn: dateOf(expires),
    });
    key = emailKeys.review(m.visitId, m.version, m.email);
  } else if (m.kind === 'returned') {
    const entry = publication.history.find((h) => h.seq === m.seq);
    if (publication.state !== 'returned' || !entry) return 'no-longer-applies';
    const token = createVisitToken(await ports.secret(), {
      visitId: visit.visitId,
      inspector: m.email,
      expiresAt: new Date(now.getTime() + ports.limits.visitLinkDays * DAY).toISOString(),
    });
    email = composeReturnedEmail({
      to: m.email,
      sender: ports.sender,
      link: visitLinkUrl(ports.webBaseUrl, visit.visitId, token),
      visit,
      comments: entry.reason ?? '',
    });
    key = emailKeys.returned(m.visitId, m.seq, m.email);
  } else {
    const window = publication.factualAccuracy;
    if (publication.state !== 'factual-accuracy' || !window || dateOf(now) > window.closesOn) return 'no-longer-applies';
    // The link works to the end of the window's last day (UTC), and the page refuses it after.
    const expires = new Date(`${addDays(window.closesOn, 1)}T00:00:00Z`);
    const title = visit.kind === 'la' ? `${visit.localAuthority} children's services` : visit.targetName;
    email = composeFactualAccuracyRequest({
      to: m.email,
      sender: ports.sender,
      link: await roleLink(ports, 'provider', visit.visitId, m.email, expires),
      reportTitle: title,
      closesOn: window.closesOn,
    });
    key = emailKeys.factual(m.visitId, m.version, m.email);
  }
  return ports.sendOnce(key, email);
}

/** A factual accuracy comment to answer, to the reviewer, while the check is still open (answered or not, the email says where to go). */
async function commentEmail(ports: NotifyPorts, m: Extract<NotifyMessage, { kind: 'comment' }>): Promise<NotifyOutcome> {
  const [visit, publication] = await Promise.all([ports.getVisit(m.visitId), ports.getPublication(m.visitId)]);
  const entry = publication?.history.find((h) => h.seq === m.seq && h.action === 'comment');
  if (!visit || !publication || !entry || publication.state !== 'factual-accuracy') return 'no-longer-applies';
  const expires = new Date(ports.now().getTime() + ports.limits.reviewerLinkDays * DAY);
  const email = composeCommentToAnswer({
    to: m.email,
    sender: ports.sender,
    link: await roleLink(ports, 'reviewer', visit.visitId, m.email, expires),
    visit,
    from: entry.by,
    linkExpiresOn: dateOf(expires),
  });
  return ports.sendOnce(emailKeys.comment(m.visitId, m.seq, m.email), email);
}

export function notify(ports: NotifyPorts, m: NotifyMessage): Promise<NotifyOutcome> {
  switch (m.kind) {
    case 'report':
      return reportEmail(ports, m);
    case 'amended':
    case 'withdrawn':
      return notice(ports, m);
    case 'comment':
      return commentEmail(ports, m);
    default:
      return peopleEmail(ports, m);
  }
}

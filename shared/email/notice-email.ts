/** Told to everyone who was emailed a report: it was amended (with the note saying what changed), or withdrawn. */
import type { ReportEdition } from '../publication/records';
import { ukDate } from '../domain/dates';
import type { ComposedEmail } from './compose';
import { composeBlockEmail, type Block } from './blocks';

export interface NoticeInput {
  readonly to: string;
  readonly name?: string;
  readonly edition: ReportEdition;
  readonly reportUrl: string;
  /** A fresh briefing link, for a commissioner still subscribed. */
  readonly briefingUrl?: string;
  readonly unsubscribeUrl?: string;
  readonly sender: string;
}

const where = (e: ReportEdition) => (e.urn ? `${e.targetName}, ${e.localAuthority}` : `${e.localAuthority} children's services`);

export function composeAmendmentNotice(n: NoticeInput): ComposedEmail {
  const blocks: Block[] = [
    { p: `Dear ${n.name ?? 'colleague'},` },
    { p: `We have amended the report of our visit to ${where(n.edition)}, which we sent you when it was published on ${ukDate(n.edition.publishedAt)}.` },
    { strong: 'What changed' },
    { p: n.edition.note ?? 'The report was corrected.' },
    { link: { href: n.reportUrl, text: 'Read the amended report' } },
    ...(n.briefingUrl ? [{ p: 'The briefing has been brought up to date too.' }, { link: { href: n.briefingUrl, text: 'Read the briefing' } }] : []),
    { p: 'Earlier versions are no longer published. Please use the amended report from now on.' },
  ];
  return composeBlockEmail({ from: n.sender, to: n.to, subject: `Visit report amended: ${where(n.edition)}`, blocks, unsubscribeUrl: n.unsubscribeUrl });
}

export function composeWithdrawalNotice(n: NoticeInput): ComposedEmail {
  const blocks: Block[] = [
    { p: `Dear ${n.name ?? 'colleague'},` },
    {
      p: `We have withdrawn the report of our visit to ${where(n.edition)}, which we sent you when it was published on ${ukDate(n.edition.publishedAt)}. It was withdrawn on ${ukDate(n.edition.at)}.`,
    },
    { p: 'Please do not rely on it, or on the briefing that came with it, and delete any copies you keep. The report page now shows a withdrawal notice.' },
    { link: { href: n.reportUrl, text: 'See the withdrawal notice' } },
  ];
  return composeBlockEmail({ from: n.sender, to: n.to, subject: `Visit report withdrawn: ${where(n.edition)}`, blocks, unsubscribeUrl: n.unsubscribeUrl });
}

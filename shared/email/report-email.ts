/**
 * The email a commissioner gets when a report in their area is published: the provider or LA named
 * once, what the main points are (named, not counted), a link to the public report that does not
 * expire, and the restricted briefing (attached, and behind a signed link checked against their
 * subscription).
 */
import type { Commissioner } from '../domain/types';
import type { Briefing } from '../reports/report-model';
import type { ComposedEmail } from './compose';
import { composeBlockEmail, mainPoints, type Block } from './blocks';

export interface ReportEmailInput {
  readonly commissioner: Commissioner;
  readonly briefing: Briefing;
  /** The public report's stable address on the web app. */
  readonly reportUrl: string;
  /** The briefing's signed link. */
  readonly briefingUrl: string;
  readonly unsubscribeUrl: string;
  /** The briefing PDF, attached when under the size limit. */
  readonly briefingPdf?: Buffer;
  readonly sender: string;
}

/** The provider or LA, as the public report names it (a children's home by its type and URN). */
export const whereWords = (r: Briefing['report']): string =>
  r.kind === 'provider' ? `${r.targetName}, ${r.localAuthority}` : `${r.localAuthority} children's services`;

export function reportEmailSubject(b: Briefing): string {
  return `${b.restricted.seriousConcerns.raised ? 'Serious concerns: visit report' : 'Visit report published'}: ${whereWords(b.report)}`;
}

export function composeReportEmail(input: ReportEmailInput): ComposedEmail {
  const { report: r, restricted: x } = input.briefing;
  const blocks: Block[] = [
    { p: `Dear ${input.commissioner.name},` },
    { p: `We have published the report of our visit to ${whereWords(r)}, visited ${r.visitDates}.` },
    ...(x.seriousConcerns.raised
      ? [
          {
            warning: `Inspectors found serious concerns.${x.enforcementConsidered ? ` Enforcement action being considered: ${x.enforcementConsidered}.` : ''} The briefing has the details.`,
          },
        ]
      : []),
    { strong: 'What is going well' },
    { list: mainPoints(r.goingWell) },
    { strong: 'What needs to improve' },
    { list: r.needsToImprove.length ? mainPoints(r.needsToImprove) : ['Inspectors did not identify anything that needs to improve.'] },
    ...(r.requirements.length
      ? [{ strong: 'Requirements' }, { list: mainPoints(r.requirements.map((q) => `${q.text.replace(/\.$/, '')}, by ${q.dueDate}`)) }]
      : []),
    { p: 'The visit was not graded.' },
    { link: { href: input.reportUrl, text: 'Read the public report' } },
    { p: 'This link does not expire. If the report is amended or withdrawn, it shows that, and we will email you.' },
    { strong: 'Commissioner briefing (OFFICIAL-SENSITIVE)' },
    {
      p: `The briefing adds what is not published: the concerns we considered before the visit, enforcement being considered, inspectors' notes for commissioners and places. ${input.briefingPdf ? 'It is attached as a PDF, and' : 'It is'} at the link below, which works for you while your subscription covers this report. Do not forward it.`,
    },
    { link: { href: input.briefingUrl, text: 'Read the briefing' } },
  ];
  return composeBlockEmail({
    from: input.sender,
    to: input.commissioner.email,
    subject: reportEmailSubject(input.briefing),
    blocks,
    unsubscribeUrl: input.unsubscribeUrl,
    attachments: input.briefingPdf
      ? [{ filename: `briefing-OFFICIAL-SENSITIVE-${r.visitId}.pdf`, content: input.briefingPdf, contentType: 'application/pdf' }]
      : undefined,
  });
}

/** The email a commissioner gets when a report in their area is published. */
import type { Commissioner } from '../domain/types';
import type { ReportModel } from '../reports/report-model';
import { composeEmail, plural, subjectLine, type ComposedEmail } from './compose';

export interface ReportEmailInput {
  readonly commissioner: Commissioner;
  readonly model: ReportModel;
  /** Pre-signed GET link to the HTML report. */
  readonly reportUrl: string;
  readonly unsubscribeUrl: string;
  /** Attached when under the size limit. */
  readonly pdf?: Buffer;
  readonly sender: string;
  /** How long the report link works, in words. */
  readonly linkLifetime?: string;
}

export function reportEmailSubject(m: ReportModel): string {
  const where = m.kind === 'provider' ? `${m.targetName}, ${m.localAuthority}` : `${m.localAuthority} children's services`;
  const prefix = m.seriousConcerns.raised ? 'Serious concerns: visit report' : 'Visit report published';
  return subjectLine(`${prefix}: ${where}${m.version > 1 ? ` (version ${m.version})` : ''}`);
}

export function composeReportEmail(input: ReportEmailInput): Promise<ComposedEmail> {
  const { model: m, commissioner: c } = input;
  const lifetime = input.linkLifetime ?? '7 days';
  const summary = [
    ...(m.seriousConcerns.raised
      ? [`Inspectors found serious concerns.${m.seriousConcerns.enforcementAction ? ` Enforcement action considered: ${m.seriousConcerns.enforcementAction}.` : ''}`]
      : []),
    `What is going well: ${plural(m.goingWell.length, 'point', 'points')}.`,
    `What needs to improve: ${plural(m.needsToImprove.length, 'point', 'points')}.`,
  ];
  const text = [
    `Dear ${c.name},`,
    '',
    `We have published the report of our visit to ${m.kind === 'provider' ? `${m.targetName} (URN ${m.target})` : `${m.localAuthority} children's services`}, visited ${m.visitDates}.`,
    '',
    ...summary,
    '',
    'The visit was not graded. The report also gives the previous inspection, recent concerns we considered and places, for commissioning decisions.',
    '',
    `Read the report (this link works for ${lifetime}):`,
    input.reportUrl,
    '',
    input.pdf ? 'The report is also attached as a PDF.' : 'The PDF is available from the report page.',
    '',
    'You get this email because you subscribed to reports for this area.',
    `Unsubscribe: ${input.unsubscribeUrl}`,
  ].join('\n');
  return composeEmail({
    from: input.sender,
    to: c.email,
    subject: reportEmailSubject(m),
    text,
    template: 'report.njk',
    context: { m, c, summary, reportUrl: input.reportUrl, lifetime, attached: Boolean(input.pdf) },
    unsubscribeUrl: input.unsubscribeUrl,
    attachments: input.pdf ? [{ filename: `visit-report-${m.visitId}-v${m.version}.pdf`, content: input.pdf, contentType: 'application/pdf' }] : undefined,
  });
}

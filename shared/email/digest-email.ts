/** The weekly digest for commissioners and the overdue-findings reminder for inspectors. */
import { ukDate } from '../domain/dates';
import type { Commissioner, Visit } from '../domain/types';
import { composeEmail, plural, subjectLine, type ComposedEmail } from './compose';
import { escapeHtml, linkHtml } from './html';

export interface DigestItem {
  readonly title: string;
  readonly url: string;
  readonly seriousConcerns: boolean;
}

export function composeDigestEmail(input: {
  commissioner: Commissioner;
  weekOf: string;
  items: readonly DigestItem[];
  unsubscribeUrl: string;
  sender: string;
}): ComposedEmail {
  // Serious concerns first, then by title, so the most urgent reads first.
  const items = [...input.items].sort((a, b) => Number(b.seriousConcerns) - Number(a.seriousConcerns) || a.title.localeCompare(b.title));
  const concerns = items.filter((i) => i.seriousConcerns).length;
  const subject = subjectLine(
    `Visit reports published in the week of ${ukDate(input.weekOf)}: ${plural(items.length, 'report', 'reports')}${concerns ? `, ${concerns} with serious concerns` : ''}`,
  );
  const text = [
    `Dear ${input.commissioner.name},`,
    '',
    `${plural(items.length, 'visit report was', 'visit reports were')} published in your area in the week of ${ukDate(input.weekOf)}.`,
    '',
    ...items.map((i) => `- ${i.seriousConcerns ? '[Serious concerns] ' : ''}${i.title}\n  ${i.url}`),
    '',
    "Each link is the report's own page: it does not expire. The briefing for each came in its own email.",
    '',
    `Unsubscribe: ${input.unsubscribeUrl}`,
  ].join('\n');
  return composeEmail({
    from: input.sender,
    to: input.commissioner.email,
    subject,
    text,
    bodyHtml: [
      `<p>Dear ${escapeHtml(input.commissioner.name)},</p>`,
      `<p>${escapeHtml(plural(items.length, 'visit report was', 'visit reports were'))} published in your area in the week of ${escapeHtml(ukDate(input.weekOf))}.</p>`,
      `<ul>\n${items.map((i) => `<li>${i.seriousConcerns ? '<strong>Serious concerns:</strong> ' : ''}${linkHtml(i.url, i.title)}</li>`).join('')}\n</ul>`,
      "<p>Each link is the report's own page: it does not expire. The briefing for each came in its own email.</p>",
    ].join('\n'),
    unsubscribeUrl: input.unsubscribeUrl,
  });
}

export function composeReminderEmail(input: { inspectorEmail: string; visit: Visit; daysOverdue: number; findingsUrl: string; sender: string }): ComposedEmail {
  const v = input.visit;
  const subject = subjectLine(`Reminder: findings not yet submitted for your visit to ${v.targetName}`);
  const text = [
    'Hello,',
    '',
    `We have not received findings for your visit to ${v.targetName} (${v.localAuthority}), planned for the week of ${ukDate(v.week)}. That week ended ${plural(input.daysOverdue, 'day', 'days')} ago.`,
    '',
    'Submit the findings here (the link is personal to you and this visit):',
    input.findingsUrl,
    '',
    'If the visit did not take place, tell your planning team so the programme can be updated.',
  ].join('\n');
  return composeEmail({
    from: input.sender,
    to: input.inspectorEmail,
    subject,
    text,
    bodyHtml: [
      '<p>Hello,</p>',
      `<p>We have not received findings for your visit to <strong>${escapeHtml(v.targetName)}</strong> (${escapeHtml(v.localAuthority)}), planned for the week of ${escapeHtml(ukDate(v.week))}. That week ended ${escapeHtml(plural(input.daysOverdue, 'day', 'days'))} ago.</p>`,
      `<p>${linkHtml(input.findingsUrl, 'Submit the findings', true)}. The link is personal to you and this visit.</p>`,
      '<p>If the visit did not take place, tell your planning team so the programme can be updated.</p>',
    ].join('\n'),
  });
}

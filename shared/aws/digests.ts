/** The weekly digest for commissioners and the overdue-findings reminders for inspectors. */
import { limits } from '../../infra/catalogue';
import type { Visit } from '../domain/types';
import { composeDigestEmail, composeReminderEmail } from '../email/digest-email';
import { createVisitToken, visitLinkUrl } from '../findings/visit-token';
import { matchesCommissioner } from '../notify/matching';
import { requireEnv } from './config';
import { loadLinkSecret } from './link-secret';
import { sendOnce, type SendOutcome } from './mailer';
import { reportLink, unsubscribeLinkFor } from './notifier';
import { listCommissioners, listPublishedReports } from './report-store';
import { scanEntities } from './scan';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday of the week that ended just before `now` (the digest covers that week). */
export function digestWeek(now: Date): { from: string; to: string } {
  const day = (now.getUTCDay() + 6) % 7; // 0 = Monday
  const thisMonday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - day * DAY;
  return { from: isoDate(thisMonday - 7 * DAY), to: isoDate(thisMonday) };
}

export async function sendWeeklyDigests(now: Date): Promise<Record<SendOutcome | 'nothing-to-say', number>> {
  const { from, to } = digestWeek(now);
  const reports = (await listPublishedReports(from)).filter((r) => r.publishedAt.slice(0, 10) < to);
  const counts: Record<SendOutcome | 'nothing-to-say', number> = { sent: 0, 'already-sent': 0, suppressed: 0, 'nothing-to-say': 0 };
  for (const c of await listCommissioners()) {
    const mine = reports.filter((r) => matchesCommissioner(c, { localAuthority: r.localAuthority, region: r.region, urn: r.urn }));
    if (mine.length === 0) {
      counts['nothing-to-say']++;
      continue;
    }
    const items = await Promise.all(mine.map(async (r) => ({ title: r.title, url: await reportLink(r.htmlKey), seriousConcerns: r.seriousConcerns })));
    const email = await composeDigestEmail({ commissioner: c, weekOf: from, items, unsubscribeUrl: await unsubscribeLinkFor(c.email), sender: requireEnv('senderEmail') });
    counts[await sendOnce(`DIGEST#${from}#${c.email.toLowerCase()}`, c.email, email.raw)]++;
  }
  return counts;
}

/** Visits whose week ended more than limits.reminderAfterDays ago and still have no findings. */
export function overdueVisits(visits: readonly Visit[], now: Date): { visit: Visit; daysOverdue: number }[] {
  return visits
    .filter((v) => v.status === 'planned' || v.status === 'notified' || v.status === 'in-progress') // never deferred, cancelled or dropped ones
    .map((v) => ({ visit: v, daysOverdue: Math.floor((now.getTime() - (Date.parse(`${v.week}T00:00:00Z`) + 7 * DAY)) / DAY) }))
    .filter((x) => x.daysOverdue >= limits.reminderAfterDays)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.visit.visitId.localeCompare(b.visit.visitId));
}

export async function sendFindingsReminders(now: Date): Promise<Record<SendOutcome, number>> {
  const visits = ((await scanEntities(['visit'])).get('visit') ?? []) as unknown as Visit[];
  const secret = await loadLinkSecret();
  const counts: Record<SendOutcome, number> = { sent: 0, 'already-sent': 0, suppressed: 0 };
  for (const { visit, daysOverdue } of overdueVisits(visits, now)) {
    if (!visit.inspector) continue;
    const token = createVisitToken(secret, { visitId: visit.visitId, inspector: visit.inspector, expiresAt: new Date(now.getTime() + limits.visitLinkLifetimeDays * DAY).toISOString() });
    const email = await composeReminderEmail({ inspectorEmail: visit.inspector, visit, daysOverdue, findingsUrl: visitLinkUrl(requireEnv('webBaseUrl'), visit.visitId, token), sender: requireEnv('senderEmail') });
    // One reminder per visit per day at most, whatever the schedule's delivery does.
    counts[await sendOnce(`REMINDER#${visit.visitId}#${isoDate(now.getTime())}`, visit.inspector, email.raw)]++;
  }
  return counts;
}

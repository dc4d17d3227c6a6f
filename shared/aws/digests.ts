/** Scheduled emails, wired: the weekly digest for commissioners and the overdue-findings reminders for inspectors. */
import { limits } from '../../infra/catalogue';
import type { Visit } from '../domain/types';
import { composeDigestEmail, composeReminderEmail } from '../email/digest-email';
import { createVisitToken, visitLinkUrl } from '../findings/visit-token';
import { emailKeys } from '../keys';
import { digestFor, digestWeek, overdueVisits } from '../notify/digest-rules';
import { createUnsubscribeToken, unsubscribeUrl } from '../notify/unsubscribe-token';
import { requireEnv } from './config';
import { loadLinkSecret } from './link-secret';
import { sendOnce, type SendOutcome } from './mailer';
import { listCommissioners } from './people-store';
import { listEditions } from './publication-store';
import { scanEntities } from './scan';
import { parseItem, visitItem } from './stored-items';

const DAY = 86_400_000;

export async function sendWeeklyDigests(now: Date): Promise<Record<SendOutcome | 'nothing-to-say', number>> {
  const week = digestWeek(now);
  const editions = await listEditions(week.from);
  const base = requireEnv('webBaseUrl');
  const secret = await loadLinkSecret();
  const counts: Record<SendOutcome | 'nothing-to-say', number> = { sent: 0, 'already-sent': 0, suppressed: 0, 'nothing-to-say': 0 };
  for (const c of await listCommissioners()) {
    const mine = digestFor(c, editions, week);
    if (mine.length === 0) {
      counts['nothing-to-say']++;
      continue;
    }
    const items = mine.map((e) => ({ title: e.title, url: `${base}/${e.htmlKey}`, seriousConcerns: e.seriousConcerns }));
    const email = composeDigestEmail({
      commissioner: c,
      weekOf: week.from,
      items,
      unsubscribeUrl: unsubscribeUrl(base, createUnsubscribeToken(secret, c.email)),
      sender: requireEnv('senderEmail'),
    });
    counts[await sendOnce(emailKeys.digest(week.from, c.email), email)]++;
  }
  return counts;
}

export async function sendFindingsReminders(now: Date): Promise<Record<SendOutcome, number>> {
  const visits: Visit[] = ((await scanEntities(['visit'])).get('visit') ?? []).map((i) => parseItem(visitItem, i, 'visit'));
  const secret = await loadLinkSecret();
  const counts: Record<SendOutcome, number> = { sent: 0, 'already-sent': 0, suppressed: 0 };
  for (const { visit, daysOverdue } of overdueVisits(visits, now, limits.reminderAfterDays)) {
    if (!visit.inspector) continue;
    const token = createVisitToken(secret, {
      visitId: visit.visitId,
      inspector: visit.inspector,
      expiresAt: new Date(now.getTime() + limits.visitLinkLifetimeDays * DAY).toISOString(),
    });
    const email = composeReminderEmail({
      inspectorEmail: visit.inspector,
      visit,
      daysOverdue,
      findingsUrl: visitLinkUrl(requireEnv('webBaseUrl'), visit.visitId, token),
      sender: requireEnv('senderEmail'),
    });
    // One reminder per visit per day at most, whatever the schedule's delivery does.
    counts[await sendOnce(emailKeys.reminder(visit.visitId, now.toISOString().slice(0, 10)), email)]++;
  }
  return counts;
}

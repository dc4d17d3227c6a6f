/**
 * SES feedback end to end on the emulators: bounce and complaint notifications, shaped as SES
 * publishes them and delivered through SNS to the ses-feedback function, fill the suppression
 * list; the next report email and the weekly digest then skip those addresses and still reach
 * everyone else (read from the SES emulator's mailbox).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { controlLocalCloud, type Endpoints } from '../../infra/local/cloud';
import { getEdition } from '../../shared/aws/publication-store';
import { isSuppressed } from '../../shared/aws/suppression';
import type { Commissioner, Visit } from '../../shared/domain/types';
import { useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit } from '../support/fixtures';
import { publishThroughReview } from '../support/publication';
import { sesBounce, sesComplaint, snsEvent } from '../support/ses-notifications';
import { mailbox, type StoredEmail } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

/** SNS invokes the function with the event; the local cloud runs the same handler. */
const deliverThroughSns = (notifications: readonly unknown[]) => controlLocalCloud(e.web, 'invoke/sesFeedback', snsEvent(notifications));

/** Findings through review and factual accuracy to publication on their date; returns when it was published. */
async function publishFindings(visit: Visit): Promise<Date> {
  await publishThroughReview(e, visit);
  return new Date((await getEdition(visit.visitId, 1))!.at);
}

const sentTo = (c: Commissioner) => (m: StoredEmail) => m.destination.to.some((t) => t.toLowerCase().includes(c.email.toLowerCase()));

async function emailsTo(commissioners: readonly Commissioner[], subject: RegExp): Promise<number[]> {
  const mail = (await mailbox(e.ses)).filter((m) => subject.test(m.subject));
  return commissioners.map((c) => mail.filter(sentTo(c)).length);
}

/** The Monday after a date, 07:00 UTC: the digest that runs then covers that date's week. */
function nextMondayDigestTime(after: Date): string {
  const days = (8 - after.getUTCDay()) % 7 || 7;
  return new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate() + days, 7)).toISOString();
}

describe('SES bounces and complaints', () => {
  it('suppress the bounced and complaining addresses, so the next report and digest reach only the others', async () => {
    const la = `Bounceshire ${randomUUID().slice(0, 4)}`;
    const [bounced, complained, mailboxFull, unaffected] = await Promise.all([1, 2, 3, 4].map(() => putCommissioner({ localAuthorities: [la] })));
    const commissioners = [bounced!, complained!, mailboxFull!, unaffected!];

    // SES reports a permanent bounce, a complaint (the address in another case, as mail servers
    // may send it) and a transient bounce, each as its own SNS message.
    await deliverThroughSns([
      sesBounce([bounced!.email], 'Permanent'),
      sesComplaint(complained!.email.toUpperCase()),
      sesBounce([mailboxFull!.email], 'Transient'),
    ]);
    expect(await Promise.all(commissioners.map((c) => isSuppressed(c.email)))).toEqual([true, true, false, false]);

    // A report in their area is published: the email goes to the two addresses still good.
    const published = await publishFindings(
      await putVisit({ localAuthority: la, targetName: 'Feedback House', provisionType: 'Independent Fostering Agency' }),
    );
    expect(await emailsTo(commissioners, /Feedback House/)).toEqual([0, 0, 1, 1]);

    // The weekly digest that covers it skips the same two addresses.
    const { handler } = await import('../../functions/weekly-digest/handler');
    await handler({ time: nextMondayDigestTime(published), 'detail-type': 'Scheduled Event', detail: {} } as never, {} as never);
    expect(await emailsTo(commissioners, /^Visit reports published in the week of/)).toEqual([0, 0, 1, 1]);
  });

  it('takes a complaint in the older identity-notification shape as well, and a repeat of it changes nothing', async () => {
    const la = `Complainshire ${randomUUID().slice(0, 4)}`;
    const [complained, other] = await Promise.all([1, 2].map(() => putCommissioner({ localAuthorities: [la] })));
    const complaint = sesComplaint(complained!.email, 'identity-notification');
    await deliverThroughSns([complaint]);
    await deliverThroughSns([complaint]); // SNS delivers at least once
    expect(await isSuppressed(complained!.email)).toBe(true);
    expect(await isSuppressed(other!.email)).toBe(false);

    await publishFindings(await putVisit({ localAuthority: la, targetName: 'Complaint House', provisionType: 'Independent Fostering Agency' }));
    expect(await emailsTo([complained!, other!], /Complaint House/)).toEqual([0, 1]);
  });
});

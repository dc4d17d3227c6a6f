/**
 * The weekly digest and the daily findings reminder, run through their handlers with the
 * schedule's event time, against the emulators.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../infra/local/cloud';
import { getEdition } from '../../shared/aws/publication-store';
import { useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit } from '../support/fixtures';
import { publishThroughReview } from '../support/publication';
import { mailbox } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

const scheduled = (time: string) => ({ time, 'detail-type': 'Scheduled Event', detail: {} }) as never;
const to = (addr: string) => (m: { destination: { to: string[] } }) => m.destination.to.some((t) => t.toLowerCase().includes(addr.toLowerCase()));

describe('scheduled emails', () => {
  it("sends each commissioner one digest of last week's reports in their area, and nothing to those with nothing to say", async () => {
    const la = `Digestshire ${randomUUID().slice(0, 4)}`;
    const reader = await putCommissioner({ localAuthorities: [la] });
    const quiet = await putCommissioner({ localAuthorities: [`Quietshire ${randomUUID().slice(0, 4)}`] });
    const visit = await putVisit({ localAuthority: la, targetName: 'Digest House', provisionType: 'Independent Fostering Agency' });
    await publishThroughReview(e, visit);
    const published = new Date((await getEdition(visit.visitId, 1))!.at);

    // The digest that runs the Monday after covers the week in which the report was published.
    const daysToNextMonday = (8 - published.getUTCDay()) % 7 || 7;
    const nextMonday = new Date(Date.UTC(published.getUTCFullYear(), published.getUTCMonth(), published.getUTCDate() + daysToNextMonday, 7));
    const { handler } = await import('../../functions/weekly-digest/handler');
    await handler(scheduled(nextMonday.toISOString()), {} as never);
    await handler(scheduled(nextMonday.toISOString()), {} as never); // a repeat delivery of the schedule
    const mail = await mailbox(e.ses);
    const digests = mail.filter(to(reader.email)).filter((m) => m.subject.startsWith('Visit reports published in the week of'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.body.text).toContain('Visit to Digest House');
    // Each link is the report's own page: it works whenever the digest is read.
    expect(digests[0]!.body.text).toContain(`${e.web}/reports/`);
    expect(mail.filter(to(quiet.email))).toHaveLength(0);
  });

  it('reminds the inspector of a visit whose week ended over 7 days ago with no findings, once a day', async () => {
    const inspector = `late.${randomUUID().slice(0, 6)}@inspectorate.example.gov.uk`;
    // Planned for the week starting three Mondays ago: it ended over 7 days ago.
    const now = new Date();
    const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7) - 21));
    const week = monday.toISOString().slice(0, 10);
    const visit = await putVisit({ week, inspector, targetName: 'Overdue House' });
    const done = await putVisit({ week, inspector, status: 'findings-received', targetName: 'Done House' });
    const { handler } = await import('../../functions/findings-reminders/handler');
    await handler(scheduled(now.toISOString()), {} as never);
    await handler(scheduled(now.toISOString()), {} as never); // repeat delivery: still one
    const reminders = (await mailbox(e.ses)).filter(to(inspector));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.subject).toBe('Reminder: findings not yet submitted for your visit to Overdue House');
    // The reminder's link opens this visit's form.
    const link = /^(http\S+\/visits\/\S+\/findings\?token=\S+)$/m.exec(reminders[0]!.body.text ?? '')?.[1];
    expect(link).toContain(`/visits/${visit.visitId}/findings`);
    expect(reminders[0]!.body.text).not.toContain(done.targetName);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Overdue House');
  });
});

/**
 * Publication end to end on the emulators, as the people involved do it: the inspector submits;
 * the reviewer (from the link in their email) returns the findings with comments; the inspector
 * resubmits; the reviewer approves; the provider's contact (from their email) comments on a
 * section; the reviewer accepts it with corrected text; the window closes on its own and the report
 * is published on its date; commissioners are emailed once, with the briefing; then ops amend and
 * withdraw it, and the index and the notices follow. Nothing restricted is ever public.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../infra/local/cloud';
import { dynamoClient } from '../../shared/aws/clients';
import { s3Client } from '../../shared/aws/s3-client';
import { listFindingsVersions } from '../../shared/aws/findings-store';
import { briefingPageDeps } from '../../shared/aws/page-ports';
import { getPublication, listComments, listRecipients } from '../../shared/aws/publication-store';
import { keys } from '../../shared/keys';
import { createBriefingPage } from '../../shared/publication/briefing-routes';
import { publicReportKey } from '../../shared/object-keys';
import { getText, settle, useLocalCloud } from '../support/cloud';
import { putCommissioner, putContact, putProvider, putVisit } from '../support/fixtures';
import { pdfText } from '../support/pdf';
import { change, runPublicationSchedule, submitFindings } from '../support/publication';
import { mailbox, type StoredEmail } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

const to = (address: string) => (m: StoredEmail) => m.destination.to.some((t) => t.toLowerCase().includes(address.toLowerCase()));
const linkIn = (m: StoredEmail, label: string) => new RegExp(`${label}:\\n(http\\S+)`).exec(m.body.text ?? '')?.[1];
const mailTo = async (address: string) => (await mailbox(e.ses)).filter(to(address));

async function form(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function bytes(key: string): Promise<Uint8Array> {
  return (await s3Client().send(new GetObjectCommand({ Bucket: e.buckets.reports, Key: key }))).Body!.transformToByteArray();
}

/** Everything under the public prefix that is about this visit, and the index. */
async function publicObjects(visitId: string): Promise<string[]> {
  const out = await s3Client().send(new ListObjectsV2Command({ Bucket: e.buckets.reports, Prefix: 'reports/' }));
  const mine = (out.Contents ?? []).map((o) => o.Key!).filter((k) => k.includes(visitId) || k === 'reports/index.html');
  return Promise.all(mine.map(async (k) => (k.endsWith('.pdf') ? (await pdfText(await bytes(k))).join('\n') : getText(e.buckets.reports, k))));
}

describe('publication you can trust', () => {
  it('goes from submission through review and factual accuracy to publication on its date, then amendment and withdrawal, with nothing restricted ever public', async () => {
    const tag = randomUUID().slice(0, 6);
    const la = `Trustshire ${tag}`;
    const home = `Larkspur House ${tag}`;
    const provider = await putProvider({
      name: home,
      localAuthority: la,
      address: { line1: `12 Hidden Lane ${tag}`, town: `Secretton${tag}`, postcode: 'ZZ9 9ZZ', redacted: false },
    });
    const visit = await putVisit({ target: provider.urn, targetName: home, localAuthority: la, provisionType: "Children's home" });
    const contact = await putContact({ urn: provider.urn });
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    const elsewhere = await putCommissioner({ localAuthorities: [`Elsewhere ${tag}`] });
    const intelligence = `Whistleblower said night staff sleep ${tag}`;
    await dynamoClient().send(
      new PutCommand({
        TableName: e.table,
        Item: {
          ...keys.signal({ urn: provider.urn }, '2020-06-01', `w-${tag}`),
          entity: 'signal',
          signalId: `w-${tag}`,
          type: 'whistleblowing',
          date: '2020-06-01',
          urn: provider.urn,
          severity: 3,
          open: true,
          summary: intelligence,
        },
      }),
    );
    const notes = `Two places free from October ${tag}`;

    // 1. The inspector submits. Nothing is public; the reviewer is emailed a link.
    await submitFindings(e, visit, {
      notesForCommissioners: notes,
      seriousConcerns: true,
      seriousConcernsDescription: `Restraint not recorded ${tag}`,
      enforcementAction: 'compliance-notice',
    });
    const inReview = (await getPublication(visit.visitId))!;
    expect(inReview).toMatchObject({ state: 'in-review', version: 1 });
    expect(await getPublication(visit.visitId)).toMatchObject({ edition: 0 });
    const reviewEmail = (await mailTo(inReview.reviewer!)).find((m) => m.subject.includes(home))!;
    expect(reviewEmail.subject).toBe(`Findings to review: ${home}, ${la}`);
    const reviewLink = linkIn(reviewEmail, 'Review the findings')!;
    const page = await fetch(reviewLink);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const reviewHtml = await page.text();
    expect(reviewHtml).toContain('DRAFT: not published');
    expect(reviewHtml).toContain(intelligence); // the draft briefing, for the reviewer
    expect((await fetch(`${e.web}/${keysOfPublic(visit)}`)).status).toBe(404);

    // 2. The reviewer returns them with comments; the inspector is told, and sees the comments on the form.
    const returned = await form(reviewLink, { action: 'return', decision: 'return', returnComments: 'Say which records you read.' });
    expect(returned.status).toBe(303);
    await settle(e);
    expect(await getPublication(visit.visitId)).toMatchObject({ state: 'returned', returnComments: 'Say which records you read.' });
    const returnedEmail = (await mailTo(visit.inspector!)).find((m) => m.subject === `Findings returned: ${home}, ${la}`)!;
    const formPage = await (await fetch(linkIn(returnedEmail, 'Open the findings form')!)).text();
    expect(formPage).toContain('Say which records you read.');
    expect(formPage).toContain(notes); // the last answers, filled in

    // 3. Resubmitted as version 2; the reviewer approves from the same link; the contact is sent the draft.
    await submitFindings(e, visit, {
      notesForCommissioners: notes,
      seriousConcerns: true,
      seriousConcernsDescription: `Restraint not recorded ${tag}`,
      enforcementAction: 'compliance-notice',
      goingWell: ['Children say staff listen to them', `Care plans at ${home} are up to date`],
    });
    expect(await getPublication(visit.visitId)).toMatchObject({ state: 'in-review', version: 2 });
    expect((await form(reviewLink, { action: 'approve', decision: 'approve' })).status).toBe(303);
    await settle(e);
    const fa = (await getPublication(visit.visitId))!;
    expect(fa).toMatchObject({ state: 'factual-accuracy', version: 2, factualAccuracy: { contacts: [contact.email] } });
    const faEmail = (await mailTo(contact.email)).find((m) => m.subject.startsWith('Draft report to check for factual accuracy'))!;
    const faLink = linkIn(faEmail, 'Check the draft report')!;
    const draft = await fetch(faLink);
    expect(draft.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const draftHtml = await draft.text();
    expect(draftHtml).toContain('DRAFT: not published');
    expect(draftHtml).toContain('Care plans at [removed] are up to date'); // the home never named in the public text
    for (const restricted of [intelligence, notes, `Restraint not recorded ${tag}`]) expect(draftHtml).not.toContain(restricted);

    // 4. The contact comments on two sections; the reviewer accepts each with corrected text (versions 3 and 4).
    expect(
      (
        await form(faLink, {
          hasComments: 'yes',
          'section-going-well': 'Care plans were updated last month, not this month.',
          'section-visit': 'The visit ended on 10 September, not the 9th.',
        })
      ).status,
    ).toBe(303);
    await settle(e);
    const withComment = (await getPublication(visit.visitId))!;
    expect(withComment.openComments).toBe(2);
    const comments = await listComments(visit.visitId);
    const commentId = comments.find((m) => m.section === 'going-well')!.commentId;
    const datesCommentId = comments.find((m) => m.section === 'visit')!.commentId;
    // The reviewer is told a comment waits for an answer (the report cannot be published until it has one).
    const commentEmail = (await mailTo(withComment.reviewer!)).find((m) => m.subject === `Factual accuracy comment to answer: ${home}, ${la}`);
    expect(commentEmail).toBeDefined();
    expect(linkIn(commentEmail!, 'Answer the comment')?.startsWith(`${e.web}/review/${visit.visitId}?token=`)).toBe(true);
    const corrected = 'Children say staff listen to them\nCare plans were brought up to date last month';
    expect(
      (
        await form(reviewLink, {
          action: 'decide',
          commentId,
          [`accepted-${commentId}`]: 'yes',
          [`reason-${commentId}`]: 'The provider is right about the date.',
          [`text-${commentId}`]: corrected,
        })
      ).status,
    ).toBe(303);
    await settle(e);
    expect(await getPublication(visit.visitId)).toMatchObject({ state: 'factual-accuracy', version: 3, openComments: 1 });
    // The visit's dates, corrected as the report shows them.
    expect(
      (
        await form(reviewLink, {
          action: 'decide',
          commentId: datesCommentId,
          [`accepted-${datesCommentId}`]: 'yes',
          [`reason-${datesCommentId}`]: 'The visit ran a third day.',
          [`text-${datesCommentId}`]: '08/09/2020 to 10/09/2020',
        })
      ).status,
    ).toBe(303);
    await settle(e);
    expect(await getPublication(visit.visitId)).toMatchObject({ state: 'factual-accuracy', version: 4, openComments: 0 });
    expect((await listFindingsVersions(visit.visitId)).map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);

    // 5. The window closes on its own; the report is published on its date, and not before.
    await runPublicationSchedule(e, fa.factualAccuracy!.closesOn);
    expect((await getPublication(visit.visitId))!.state).toBe('factual-accuracy');
    await runPublicationSchedule(e, nextDay(fa.factualAccuracy!.closesOn));
    const ready = (await getPublication(visit.visitId))!;
    expect(ready.state).toBe('ready');
    expect((await fetch(`${e.web}/${keysOfPublic(visit)}`)).status).toBe(404);
    await runPublicationSchedule(e, ready.publishOn!);
    expect(await getPublication(visit.visitId)).toMatchObject({ state: 'published', edition: 1 });

    // The public report at its stable address: anonymised, nothing restricted, in HTML, PDF and index.
    const publicUrl = `${e.web}/${keysOfPublic(visit)}`;
    const publicPage = await fetch(publicUrl);
    expect(publicPage.status).toBe(200);
    const publicHtml = await publicPage.text();
    expect(publicHtml).toContain('Care plans were brought up to date last month');
    expect(publicHtml).toContain('08/09/2020 to 10/09/2020');
    expect(publicHtml).toContain(`Visit to Children&#39;s home (URN ${provider.urn})`);
    for (const text of await publicObjects(visit.visitId)) {
      for (const restricted of [
        intelligence,
        notes,
        `Restraint not recorded ${tag}`,
        'Compliance notice',
        home,
        `Hidden Lane ${tag}`,
        `Secretton${tag}`,
        'ZZ9 9ZZ',
        'Whistleblowing',
      ])
        expect(text).not.toContain(restricted);
    }

    // Commissioners: the matching one emailed once, with the briefing attached and behind a signed link.
    const reportEmails = (await mailTo(commissioner.email)).filter((m) => m.subject.includes(provider.urn));
    expect(reportEmails).toHaveLength(1);
    expect((await mailTo(elsewhere.email)).filter((m) => m.subject.includes(provider.urn))).toHaveLength(0);
    const email = reportEmails[0]!;
    expect(email.subject).toBe(`Serious concerns: visit report: Children's home (URN ${provider.urn}), ${la}`);
    expect(email.body.text).not.toMatch(/\d+ points?/);
    expect(email.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(linkIn(email, 'Read the public report')).toBe(publicUrl);
    const briefingLink = linkIn(email, 'Read the briefing')!;
    const briefing = await fetch(briefingLink);
    expect(briefing.status).toBe(200);
    expect(briefing.headers.get('cache-control')).toBe('no-store');
    const briefingHtml = await briefing.text();
    for (const restricted of [intelligence, notes, 'OFFICIAL-SENSITIVE', home]) expect(briefingHtml).toContain(restricted);

    // The commissioner's links still work after 8 days: the public one has no expiry at all, and the
    // briefing page, run with its clock moved 8 days on, still takes the signed link.
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(linkIn(email, 'Read the public report')).not.toMatch(/X-Amz-|token=/);
    expect((await fetch(publicUrl)).status).toBe(200);
    const eightDaysOn = createBriefingPage({ ...briefingPageDeps(), now: () => later });
    const url = new URL(briefingLink);
    const afterEightDays = await eightDaysOn({ method: 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) });
    expect(afterEightDays.statusCode).toBe(200);
    expect(String(afterEightDays.body)).toContain(intelligence);
    // ... and the briefing is refused to someone whose subscription no longer covers it.
    await putCommissioner({ ...commissioner, localAuthorities: [`Moved ${tag}`] });
    expect((await fetch(briefingLink)).status).toBe(403);
    await putCommissioner(commissioner);
    expect(await listRecipients(visit.visitId)).toEqual([
      expect.objectContaining({ email: commissioner.email.toLowerCase(), commissionerId: commissioner.commissionerId }),
    ]);

    // 6. Amended by ops with a note: the page shows it, the index says so, the commissioner is told once.
    await change(e, visit.visitId, { action: 'amend', reason: 'Corrected the date of the care plan review.', by: 'ops:test' });
    const amendedHtml = await (await fetch(publicUrl)).text();
    expect(amendedHtml).toMatch(/This report was amended[\s\S]*Corrected the date of the care plan review\./);
    expect(await getText(e.buckets.reports, 'reports/index.html')).toMatch(
      new RegExp(`URN ${provider.urn}\\)</a><br>\\s*<span class="govuk-body-s">Published [0-9/]+, <strong>amended`),
    );
    const amendNotices = (await mailTo(commissioner.email)).filter((m) => m.subject.startsWith('Visit report amended'));
    expect(amendNotices).toHaveLength(1);
    expect(amendNotices[0]!.body.text).toContain('Corrected the date of the care plan review.');

    // 7. Withdrawn: a notice at the same address, the PDF gone, the index without it, everyone told.
    await change(e, visit.visitId, { action: 'withdraw', reason: 'Published against the wrong provider record', by: 'ops:test' });
    const withdrawn = await fetch(publicUrl);
    expect(withdrawn.status).toBe(410);
    expect(await withdrawn.text()).toContain('This report has been withdrawn');
    expect((await fetch(publicUrl.replace(/\.html$/, '.pdf'))).status).toBe(404);
    expect(await getText(e.buckets.reports, 'reports/index.html')).not.toContain(provider.urn);
    expect((await mailTo(commissioner.email)).filter((m) => m.subject.startsWith('Visit report withdrawn'))).toHaveLength(1);
    expect((await fetch(briefingLink)).status).toBe(410);
    // The reason is recorded, not published.
    expect(await (await fetch(publicUrl)).text()).not.toContain('wrong provider record');
    expect((await getPublication(visit.visitId))!.history.map((h) => h.state)).toEqual([
      'submitted',
      'in-review',
      'returned',
      'submitted',
      'in-review',
      'factual-accuracy', // approved
      'factual-accuracy', // two comments
      'factual-accuracy',
      'factual-accuracy', // two answers
      'factual-accuracy',
      'ready',
      'published',
      'amended',
      'withdrawn',
    ]);
  });

  it('sends no second email and writes nothing new when the events are delivered again', async () => {
    const la = `Repeatshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la });
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    await submitFindings(e, visit);
    const p = (await getPublication(visit.visitId))!;
    await change(e, visit.visitId, { action: 'approve', contacts: [], by: p.reviewer! });
    const fa = (await getPublication(visit.visitId))!;
    await runPublicationSchedule(e, nextDay(fa.factualAccuracy!.closesOn));
    await runPublicationSchedule(e, (await getPublication(visit.visitId))!.publishOn!);
    await runPublicationSchedule(e, (await getPublication(visit.visitId))!.publishOn!); // a repeat of the schedule
    const published = (await getPublication(visit.visitId))!;
    expect((await mailbox(e.ses)).filter(to(commissioner.email))).toHaveLength(1);
    // Replay the publication event (EventBridge at-least-once) and the notification (SQS at-least-once).
    const worker = await import('../../functions/publication-worker/handler');
    const publishSeq = published.history.find((h) => h.action === 'publish')!.seq;
    await worker.handler({ detail: { visitId: visit.visitId, seq: publishSeq, action: 'publish' } } as never, {} as never);
    const notify = await import('../../functions/notify-commissioners/handler');
    const body = JSON.stringify({ kind: 'report', visitId: visit.visitId, edition: 1, commissionerId: commissioner.commissionerId });
    await notify.handler(
      {
        Records: [
          { messageId: 'm1', body },
          { messageId: 'm2', body },
        ],
      } as never,
      {} as never,
    );
    await settle(e);
    expect((await mailbox(e.ses)).filter(to(commissioner.email))).toHaveLength(1);
    expect(await getPublication(visit.visitId)).toEqual(published);
  });
});

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const keysOfPublic = (visit: { localAuthority: string; target: string; visitId: string }) => publicReportKey(visit, 'html');

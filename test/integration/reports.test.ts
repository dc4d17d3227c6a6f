/**
 * Reports and emails end to end on the emulators: findings through the S3 POST -> ingest ->
 * HTML and PDF in S3 -> published index -> one email per matching commissioner in the SES
 * emulator's store, with the PDF attached and a link that works.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '../../shared/aws/clients';
import { createFindingsPost } from '../../shared/aws/presigned-post';
import { getPublishedReport } from '../../shared/aws/report-store';
import { suppress } from '../../shared/aws/suppression';
import type { Endpoints } from '../../infra/local/cloud';
import type { Commissioner, Visit } from '../../shared/domain/types';
import type { Findings } from '../../shared/findings/schema';
import { getText, settle, useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit, validFindings } from '../support/fixtures';
import { pdfInfo, pdfPageToPng, pdfText } from '../support/pdf';
import { mailbox, postFindings, type StoredEmail } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
  mkdirSync('test-artifacts', { recursive: true });
});

async function publish(visit: Visit, over: Partial<Findings> = {}): Promise<{ version: number }> {
  const post = await createFindingsPost({ s3: s3Client(), bucket: e.buckets.findings, visitId: visit.visitId, submissionId: randomUUID(), inspector: visit.inspector! });
  const res = await postFindings(post, JSON.stringify(validFindings(visit, over)));
  expect(res.ok).toBe(true);
  await settle(e);
  return { version: 1 };
}

async function bytes(bucket: string, key: string): Promise<Uint8Array> {
  return (await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
}

const to = (c: Commissioner) => (m: StoredEmail) => m.destination.to.some((t) => t.toLowerCase().includes(c.email.toLowerCase()));

describe('a published report', () => {
  it('is written as HTML and PDF under stable keys, indexed, and emailed once to each matching commissioner', async () => {
    const la = `Reportshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la, targetName: 'Bryn Ŵyn Children’s Home' });
    const matching = await putCommissioner({ localAuthorities: [la] });
    const byRegion = await putCommissioner({ localAuthorities: [], regions: ['North West'] });
    const elsewhere = await putCommissioner({ localAuthorities: ['Somewhere Else'] });
    await publish(visit, {
      seriousConcerns: true,
      seriousConcernsDescription: 'Staff did not follow the missing-from-care protocol on two occasions.',
      enforcementAction: 'compliance-notice',
      needsToImprove: ['Risk assessments after incidents', 'Siân’s plan was not reviewed — ŵ ŷ â ê î ô û'],
    });

    const report = await getPublishedReport(visit.visitId, 1);
    expect(report).toBeDefined();
    expect(report!.htmlKey).toMatch(new RegExp(`^reports/reportshire-[a-z0-9]+/${visit.target.toLowerCase()}/${visit.visitId}/v1\\.html$`));
    expect(report!.pdfKey).toBe(report!.htmlKey.replace(/\.html$/, '.pdf'));

    const html = await getText(e.buckets.reports, report!.htmlKey);
    writeFileSync('test-artifacts/e2e-report.html', html);
    for (const heading of ['What is going well', 'What needs to improve', 'Serious concerns', 'Information for commissioners', 'Previous inspection'])
      expect(html).toContain(heading);
    expect(html).toContain('Compliance notice');
    expect(html).toContain('These are judgements from the previous inspection, not from this visit.');
    expect(html).not.toMatch(/Overall effectiveness of this visit|Grade:/i);

    const pdf = await bytes(e.buckets.reports, report!.pdfKey);
    const info = await pdfInfo(pdf);
    expect(info.title).toBe(`Visit to ${visit.targetName}`);
    expect(info.outline).toEqual(expect.arrayContaining(['What is going well', 'What needs to improve', 'Serious concerns', 'Information for commissioners']));
    const text = (await pdfText(pdf)).join('\n');
    expect(text).toContain('Enforcement action considered: Compliance notice');
    expect(text).toContain('Siân’s plan was not reviewed — ŵ ŷ â ê î ô û');
    expect(text).toMatch(/Page 1 of \d/);
    writeFileSync('test-artifacts/e2e-report-page1.png', await pdfPageToPng(pdf, 1));

    const index = await getText(e.buckets.reports, 'reports/index.html');
    expect(index).toContain(visit.targetName);
    expect(index).toContain(`/reports/${report!.htmlKey.slice('reports/'.length)}`);

    const mail = await mailbox(e.ses);
    const mine = mail.filter(to(matching));
    expect(mine).toHaveLength(1);
    expect(mail.filter(to(byRegion))).toHaveLength(1);
    expect(mail.filter(to(elsewhere))).toHaveLength(0);
    const email = mine[0]!;
    expect(email.subject).toBe(`Serious concerns: visit report: ${visit.targetName}, ${la}`);
    expect(email.body.text).toMatch(/Inspectors found serious concerns\. Enforcement action considered: Compliance notice\./);
    expect(email.body.text).toMatch(/What is going well: 2 points\.\nWhat needs to improve: 2 points\./);
    expect(email.attachments.map((a) => a.contentType)).toContain('application/pdf');

    // The link in the email is a pre-signed GET that really fetches the report.
    const link = /^(http\S+X-Amz-Signature=\S+)$/m.exec(email.body.text ?? '')?.[1];
    expect(link).toBeDefined();
    expect(link).toMatch(/X-Amz-Expires=604800/);
    const fetched = await fetch(link!);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe(html);
  });

  it('sends no second email when the same events are delivered again', async () => {
    const la = `Repeatshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la });
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    await publish(visit);
    expect((await mailbox(e.ses)).filter(to(commissioner))).toHaveLength(1);

    // Replay the render (EventBridge at-least-once) and the notification (SQS at-least-once).
    const render = await import('../../functions/render-report/handler');
    await render.handler({ detail: { visitId: visit.visitId, version: 1 } } as never, {} as never);
    const notify = await import('../../functions/notify-commissioners/handler');
    const body = JSON.stringify({ visitId: visit.visitId, version: 1, commissionerId: commissioner.commissionerId });
    await notify.handler({ Records: [{ messageId: 'm1', body }, { messageId: 'm2', body }] } as never, {} as never);
    await settle(e);
    expect((await mailbox(e.ses)).filter(to(commissioner))).toHaveLength(1);
  });

  it('sends nothing to a suppressed address, and still emails the others', async () => {
    const la = `Bounceshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la });
    const bounced = await putCommissioner({ localAuthorities: [la] });
    const fine = await putCommissioner({ localAuthorities: [la] });
    await suppress(bounced.email, 'bounce', 'test: permanent bounce');
    await publish(visit);
    const mail = await mailbox(e.ses);
    expect(mail.filter(to(bounced))).toHaveLength(0);
    expect(mail.filter(to(fine))).toHaveLength(1);
  });

  it('keeps script and formula text from inspectors inert in the HTML, the index and the email', async () => {
    const la = `Xssshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la });
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await publish(visit, { goingWell: [hostile, '=HYPERLINK("http://evil.example","click")'], notesForCommissioners: '"><svg onload=alert(3)>' });
    const report = (await getPublishedReport(visit.visitId, 1))!;
    const html = await getText(e.buckets.reports, report.htmlKey);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const email = (await mailbox(e.ses)).find(to(commissioner))!;
    expect(email.body.html ?? '').not.toContain('<script>alert(1)');
    // The PDF shows the text as text.
    expect((await pdfText(await bytes(e.buckets.reports, report.pdfKey))).join('\n')).toContain('=HYPERLINK("http://evil.example","click")');
  });
});

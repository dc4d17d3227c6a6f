/**
 * Published reports and emails on the emulators, once findings have been through review and
 * factual accuracy: HTML and PDF at a stable public address, the index, one email per matching
 * commissioner with the briefing attached, suppression honoured, hostile text inert.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '../../shared/aws/s3-client';
import { getEdition } from '../../shared/aws/publication-store';
import { suppress } from '../../shared/aws/suppression';
import type { Endpoints } from '../../infra/local/cloud';
import type { Commissioner } from '../../shared/domain/types';
import { briefingKey } from '../../shared/object-keys';
import { getText, useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit } from '../support/fixtures';
import { pdfInfo, pdfPageToPng, pdfText } from '../support/pdf';
import { publishThroughReview } from '../support/publication';
import { mailbox, type StoredEmail } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
  mkdirSync('test-artifacts', { recursive: true });
});

async function bytes(bucket: string, key: string): Promise<Uint8Array> {
  return (await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
}

const to = (c: Commissioner) => (m: StoredEmail) => m.destination.to.some((t) => t.toLowerCase().includes(c.email.toLowerCase()));

describe('a published report', () => {
  it('is written as HTML and PDF at a stable public address, indexed, and emailed once to each matching commissioner with the briefing', async () => {
    const la = `Reportshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la, targetName: 'Bryn Ŵyn Children’s Home' });
    const matching = await putCommissioner({ localAuthorities: [la] });
    const byRegion = await putCommissioner({ localAuthorities: [], regions: ['North West'] });
    const elsewhere = await putCommissioner({ localAuthorities: ['Somewhere Else'] });
    await publishThroughReview(e, visit, {
      seriousConcerns: true,
      seriousConcernsDescription: 'Staff did not follow the missing-from-care protocol on two occasions.',
      enforcementAction: 'compliance-notice',
      needsToImprove: ['Risk assessments after incidents', 'Siân’s plan was not reviewed — ŵ ŷ â ê î ô û'],
      requirements: [{ text: 'Review every risk assessment after an incident.', regulation: 'Regulation 12', dueDate: '2020-10-30' }],
      recommendations: ['Record children’s views in every plan.'],
    });

    const edition = (await getEdition(visit.visitId, 1))!;
    expect(edition.htmlKey).toMatch(new RegExp(`^reports/reportshire-[a-z0-9]+/${visit.target.toLowerCase()}/${visit.visitId}/report\\.html$`));
    expect(edition.pdfKey).toBe(edition.htmlKey.replace(/\.html$/, '.pdf'));

    const html = await getText(e.buckets.reports, edition.htmlKey);
    writeFileSync('test-artifacts/e2e-report.html', html);
    for (const heading of ['What is going well', 'What needs to improve', 'Requirements', 'Recommendations', 'Enforcement action taken', 'Earlier inspections'])
      expect(html).toContain(heading);
    expect(html).toContain('Regulation 12');
    expect(html).toContain('These judgements are from earlier inspections, not from this visit.');
    expect(html).not.toMatch(/Overall effectiveness of this visit|Grade:/i);
    // Serious concerns and the enforcement considered are for commissioners only.
    expect(html).not.toContain('missing-from-care protocol');
    expect(html).not.toContain('Compliance notice');

    const pdf = await bytes(e.buckets.reports, edition.pdfKey!);
    const info = await pdfInfo(pdf);
    expect(info.title).toBe(`Visit to Children's home (URN ${visit.target})`);
    expect(info.outline).toEqual(expect.arrayContaining(['What is going well', 'What needs to improve', 'Requirements', 'Recommendations']));
    const text = (await pdfText(pdf)).join('\n');
    expect(text).toContain('Siân’s plan was not reviewed — ŵ ŷ â ê î ô û');
    expect(text).toMatch(/Page 1 of \d/);
    writeFileSync('test-artifacts/e2e-report-page1.png', await pdfPageToPng(pdf, 1));

    const briefingPdf = await bytes(e.buckets.reports, briefingKey(visit.visitId, 1, 'pdf'));
    const briefingText = (await pdfText(briefingPdf)).join('\n');
    expect(briefingText).toContain('OFFICIAL-SENSITIVE');
    expect(briefingText).toContain('Enforcement being considered');
    expect(briefingText).toContain('missing-from-care protocol');
    writeFileSync('test-artifacts/e2e-briefing-page1.png', await pdfPageToPng(briefingPdf, 1));

    const index = await getText(e.buckets.reports, 'reports/index.html');
    expect(index).toContain(`URN ${visit.target}`);
    expect(index).toContain(`/reports/${edition.htmlKey.slice('reports/'.length)}`);
    expect(index).not.toContain('Bryn Ŵyn');

    const mail = await mailbox(e.ses);
    const mine = mail.filter(to(matching));
    expect(mine).toHaveLength(1);
    expect(mail.filter(to(byRegion)).filter((m) => m.subject.includes(visit.target))).toHaveLength(1);
    expect(mail.filter(to(elsewhere))).toHaveLength(0);
    const email = mine[0]!;
    expect(email.subject).toBe(`Serious concerns: visit report: Children's home (URN ${visit.target}), ${la}`);
    expect(email.body.text).toMatch(/Inspectors found serious concerns\. Enforcement action being considered: Compliance notice\./);
    expect(email.body.text).toContain('- Risk assessments after incidents');
    expect(email.attachments.map((a) => a.filename)).toEqual([`briefing-OFFICIAL-SENSITIVE-${visit.visitId}.pdf`]);
    const attached = Buffer.from(email.attachments[0]!.content ?? '', 'base64');
    expect(attached.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // RFC 8058 one-click unsubscribe, as SES was asked to add it.
    expect(email.headers?.find((h) => h.name === 'List-Unsubscribe')?.value).toMatch(/^<http\S+\/unsubscribe\?token=\S+>$/);
    expect(email.headers?.find((h) => h.name === 'List-Unsubscribe-Post')?.value).toBe('List-Unsubscribe=One-Click');

    // The link in the email is the report's own page on the web app: no signature, no expiry.
    const link = /Read the public report:\n(http\S+)/.exec(email.body.text ?? '')?.[1];
    expect(link).toBe(`${e.web}/${edition.htmlKey}`);
    const fetched = await fetch(link!);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe(html);
  });

  it('sends nothing to a suppressed address, and still emails the others', async () => {
    const la = `Bounceshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la });
    const bounced = await putCommissioner({ localAuthorities: [la] });
    const fine = await putCommissioner({ localAuthorities: [la] });
    await suppress(bounced.email, 'bounce', 'test: permanent bounce');
    await publishThroughReview(e, visit);
    const mail = await mailbox(e.ses);
    expect(mail.filter(to(bounced))).toHaveLength(0);
    expect(mail.filter(to(fine))).toHaveLength(1);
  });

  it('keeps script and formula text from inspectors inert in the HTML, the index and the email', async () => {
    const la = `Xssshire ${randomUUID().slice(0, 4)}`;
    const visit = await putVisit({ localAuthority: la });
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await publishThroughReview(e, visit, {
      goingWell: [hostile, '=HYPERLINK("http://evil.example","click")'],
      notesForCommissioners: '"><svg onload=alert(3)>',
    });
    const edition = (await getEdition(visit.visitId, 1))!;
    const html = await getText(e.buckets.reports, edition.htmlKey);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const email = (await mailbox(e.ses)).find(to(commissioner))!;
    expect(email.body.html ?? '').not.toContain('<script>alert(1)');
    expect(email.body.html ?? '').not.toContain('<svg onload');
    // The PDF shows the text as text.
    expect((await pdfText(await bytes(e.buckets.reports, edition.pdfKey!))).join('\n')).toContain('=HYPERLINK("http://evil.example","click")');
  });
});

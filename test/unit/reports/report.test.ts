import { describe, expect, it } from 'vitest';
import { composeReportEmail, reportEmailSubject } from '../../../shared/email/report-email';
import { composeDigestEmail } from '../../../shared/email/digest-email';
import { groupForIndex, renderPublishedIndex } from '../../../shared/reports/published-index';
import { buildReportModel, reportKey, slug } from '../../../shared/reports/report-model';
import { renderReportHtml } from '../../../shared/reports/render-html';
import { renderReportPdf } from '../../../shared/reports/render-pdf';
import { pdfInfo, pdfText } from '../../support/pdf';
import { typicalFindings, typicalProvider, typicalReportModel, typicalVisit, variedReportModel } from '../../support/report-fixture';

const commissioner = { commissionerId: 'c1', name: 'Priya Shah', email: 'priya.shah@council.example.gov.uk', localAuthorities: ['Cardiff Road Borough'], regions: [], urns: [] };

describe('the report model', () => {
  it('labels the only judgements as the previous inspection, with its date, and never grades the visit', () => {
    const m = typicalReportModel();
    expect(m.commissioners.previousInspection).toEqual([
      { label: 'Previous full inspection', value: '12/03/2019' },
      { label: 'Overall effectiveness at the previous inspection', value: 'Requires improvement to be good' },
    ]);
    expect(JSON.stringify(m)).not.toMatch(/"grade"/);
    expect(m.commissioners.recentConcerns.map((c) => c.type)).toEqual(['Complaint', 'Serious event notification', 'Change of registered manager']);
  });

  it('names a REDACTED children\'s home by its type and URN, and says so for a provider never inspected', () => {
    const visit = typicalVisit();
    const m = buildReportModel({ visit, findings: typicalFindings(visit), provider: typicalProvider({ name: 'REDACTED', latestFullInspection: undefined }), recentConcerns: [], publishedAt: '2020-09-14T10:30:00Z' });
    expect(m.title).toBe("Visit to Children's home (URN SC123456)");
    expect(m.commissioners.previousInspection[0]!.value).toMatch(/None on record/);
  });

  it('includes the schools question and no enforcement for a local authority visit', () => {
    const visit = typicalVisit({ kind: 'la', target: 'Cardiff Road Borough', targetName: 'Cardiff Road Borough' });
    const findings = typicalFindings(visit, { schoolsJoinedUp: 'Virtual school checked in weekly.', seriousConcerns: true, seriousConcernsDescription: 'Delays in strategy meetings' });
    const m = buildReportModel({ visit, findings, recentConcerns: [], publishedAt: '2020-09-14T10:30:00Z' });
    expect(m.title).toBe("Visit to Cardiff Road Borough children's services");
    expect(m.narrative.map((s) => s.id)).toContain('schools');
    expect(m.seriousConcerns.enforcementAction).toBeUndefined();
    expect(m.commissioners.previousInspection[0]!.value).toBe('Not yet inspected under the current framework');
  });

  it('keys reports by LA, target and visit, safe for S3 and URLs', () => {
    expect(reportKey({ localAuthority: "St. Helens / Ynys Môn", target: 'SC123456', visitId: 'v-1' }, 3, 'pdf')).toBe('reports/st-helens-ynys-mon/sc123456/v-1/v3.pdf');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('<>')).toBe('unnamed');
  });
});

describe('the rendered report', () => {
  it('HTML escapes inspector text and carries every section', () => {
    const visit = typicalVisit();
    const m = buildReportModel({ visit, findings: typicalFindings(visit, { goingWell: ['<img src=x onerror=alert(1)>'] }), provider: typicalProvider(), recentConcerns: [], publishedAt: '2020-09-14T10:30:00Z' });
    const html = renderReportHtml(m);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    for (const id of ['details', 'visit', 'going-well', 'needs-to-improve', 'serious-concerns', 'experiences', 'pandemic', 'commissioners']) expect(html).toContain(`id="${id}"`);
  });

  it('PDF: A4 pages numbered "Page N of M", an outline of the headings, Welsh letters as text, the same bytes each time', async () => {
    const m = typicalReportModel();
    const [a, b] = [await renderReportPdf(m), await renderReportPdf(m)];
    expect(a.equals(b)).toBe(true);
    const info = await pdfInfo(a);
    expect(info.title).toBe(m.title);
    expect(info.outline.slice(0, 3)).toEqual([m.title, 'Provider details', 'The visit']);
    const pages = await pdfText(a);
    expect(pages.length).toBe(info.pages);
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(pages.join('\n')).toContain('Ŵyn and Siân described trips');
  });

  it('PDF: the same bytes whatever was rendered before it (fonts and word layouts are shared between documents)', async () => {
    const [first, second] = [variedReportModel(1), variedReportModel(2)];
    const alone = await renderReportPdf(first);
    const other = await renderReportPdf(second);
    for (let i = 3; i < 8; i++) await renderReportPdf(variedReportModel(i));
    expect((await renderReportPdf(first)).equals(alone)).toBe(true);
    const text = (await pdfText(other)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(second.title);
    for (const item of second.goingWell) expect(text).toContain(item);
  });

  it('PDF: very long text flows over as many pages as it needs', async () => {
    const visit = typicalVisit();
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}: ${'Children are listened to and their plans are reviewed. '.repeat(6)}`).join('\n');
    const m = buildReportModel({ visit, findings: typicalFindings(visit, { childrensExperiences: long }), provider: typicalProvider(), recentConcerns: [], publishedAt: '2020-09-14T10:30:00Z' });
    const pages = await pdfText(await renderReportPdf(m));
    expect(pages.length).toBeGreaterThan(6);
    expect(pages.join('\n')).toContain('Paragraph 60:');
  });
});

describe('emails', () => {
  it('a report email leads with serious concerns, links the report, attaches the PDF and offers one-click unsubscribe', async () => {
    const visit = typicalVisit();
    const m = buildReportModel({ visit, findings: typicalFindings(visit, { seriousConcerns: true, seriousConcernsDescription: 'x', enforcementAction: 'suspension' }), provider: typicalProvider(), recentConcerns: [], publishedAt: '2020-09-14T10:30:00Z' });
    const email = await composeReportEmail({ commissioner, model: m, reportUrl: 'https://reports.example/r?X-Amz-Signature=abc', unsubscribeUrl: 'https://visits.example/unsubscribe?token=u1.x.y', pdf: Buffer.from('%PDF-1.7 test'), sender: 'visits@example.gov.uk' });
    expect(email.subject).toBe('Serious concerns: visit report: Ty Gwyn Children’s Home, Cardiff Road Borough');
    expect(email.text.split('\n').slice(0, 6).join('\n')).toMatch(/Inspectors found serious concerns\. Enforcement action considered: Suspension of registration\./);
    const raw = email.raw.toString('utf8');
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/visits\.example\/unsubscribe\?token=u1\.x\.y>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(raw).toMatch(/Content-Type: application\/pdf; name=visit-report-V-2020-0001-v1\.pdf/);
    expect(raw).toMatch(/^Subject: /m);
  });

  it('a subject can never carry a header injection', () => {
    const visit = typicalVisit({ targetName: 'Evil\r\nBcc: everyone@example.com' });
    const m = buildReportModel({ visit, findings: typicalFindings(visit), recentConcerns: [], publishedAt: '2020-09-14T10:30:00Z' });
    expect(reportEmailSubject(m)).not.toMatch(/[\r\n]/);
  });

  it('a digest lists serious concerns first', async () => {
    const email = await composeDigestEmail({
      commissioner,
      weekOf: '2020-09-07',
      items: [
        { title: 'Visit to A', url: 'https://x/a', seriousConcerns: false },
        { title: 'Visit to B', url: 'https://x/b', seriousConcerns: true },
      ],
      unsubscribeUrl: 'https://visits.example/unsubscribe?token=t',
      sender: 'visits@example.gov.uk',
    });
    expect(email.subject).toBe('Visit reports published in the week of 07/09/2020: 2 reports, 1 with serious concerns');
    expect(email.text.indexOf('Visit to B')).toBeLessThan(email.text.indexOf('Visit to A'));
  });
});

describe('the published index', () => {
  const entry = (over: Partial<Parameters<typeof groupForIndex>[0][number]>) => ({
    visitId: 'v', version: 1, title: 'Visit to X', targetName: 'X', localAuthority: 'LA', region: 'North West', publishedAt: '2020-09-14T10:00:00Z', htmlKey: 'la/x/v/v1.html', pdfKey: 'la/x/v/v1.pdf', seriousConcerns: false, ...over,
  });

  it('groups by region then LA, newest first, with search text of name, URN and LA', () => {
    const groups = groupForIndex([
      entry({ visitId: 'a', publishedAt: '2020-09-01T00:00:00Z', targetName: 'Older Home', urn: 'SC1' }),
      entry({ visitId: 'b', publishedAt: '2020-09-20T00:00:00Z', targetName: 'Newer Home' }),
      entry({ visitId: 'c', region: 'London', localAuthority: 'Camden' }),
    ]);
    expect(groups.map((g) => g.region)).toEqual(['London', 'North West']);
    expect(groups[1]!.authorities[0]!.reports.map((r) => r.visitId)).toEqual(['b', 'a']);
    expect(groups[1]!.authorities[0]!.reports[1]!.search).toBe('older home sc1 la');
  });

  it('escapes names and links to reports under /reports/', () => {
    const html = renderPublishedIndex([entry({ targetName: '<script>x</script>', title: '<script>x</script>' })]);
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('href="/reports/la/x/v/v1.html"');
  });
});

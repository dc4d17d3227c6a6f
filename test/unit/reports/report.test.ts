import { describe, expect, it } from 'vitest';
import { composeDigestEmail } from '../../../shared/email/digest-email';
import { composeReportEmail, reportEmailSubject } from '../../../shared/email/report-email';
import { sendEmailInput } from '../../../shared/aws/mailer';
import type { ReportEdition } from '../../../shared/publication/records';
import { publicReportKey, briefingKey } from '../../../shared/object-keys';
import { groupForIndex, indexEntries, renderPublishedIndex } from '../../../shared/reports/published-index';
import { slug } from '../../../shared/domain/slug';
import { buildReport } from '../../../shared/reports/report-model';
import { renderBriefingHtml, renderReportHtml } from '../../../shared/reports/render-html';
import { renderBriefingPdf, renderReportPdf } from '../../../shared/reports/render-pdf';
import { pdfInfo, pdfText } from '../../support/pdf';
import { typicalDocuments, typicalFindings, typicalProvider, typicalReportModel, typicalVisit, variedReportModel } from '../../support/report-fixture';

const commissioner = {
  commissionerId: 'c1',
  name: 'Priya Shah',
  email: 'priya.shah@council.example.gov.uk',
  localAuthorities: ['Cardiff Road Borough'],
  regions: [],
  urns: [],
};
const draft = (over: Parameters<typeof typicalFindings>[1] = {}, visit = typicalVisit()) =>
  buildReport({
    visit,
    findings: typicalFindings(visit, over),
    provider: typicalProvider(),
    signals: [],
    enforcementRecorded: [],
    status: 'published',
    edition: 1,
    publishedAt: '2020-09-14T10:30:00Z',
  });

describe('the report model', () => {
  it('labels the only judgements as earlier, with their date, and never grades the visit', () => {
    const m = typicalReportModel();
    expect(m.earlierJudgements).toEqual([
      { label: 'Previous full inspection', value: '12/03/2019' },
      { label: 'Overall effectiveness at the previous inspection', value: 'Requires improvement to be good' },
    ]);
    expect(JSON.stringify(m)).not.toMatch(/"grade"/);
  });

  it('puts requirements (with regulation and due date) and recommendations in the public report', () => {
    const m = typicalReportModel();
    expect(m.requirements).toEqual([
      {
        text: 'Update each child’s risk assessment after every incident.',
        regulation: 'Regulation 12 (protection of children standard)',
        dueDate: '30/10/2020',
      },
      { text: 'Make sure new staff are supervised at least monthly.', dueDate: '30/11/2020' },
    ]);
    expect(m.recommendations).toEqual(['Record the child’s view in every record of physical intervention.']);
  });

  it('keeps serious concerns, enforcement considered, intelligence, notes and places in the briefing only', () => {
    const { report, briefing } = typicalDocuments(
      typicalVisit(),
      typicalFindings(typicalVisit(), {
        seriousConcerns: true,
        seriousConcernsDescription: 'Staff did not follow the missing protocol.',
        enforcementAction: 'suspension',
      }),
    );
    expect(briefing.restricted).toMatchObject({
      seriousConcerns: { raised: true, description: ['Staff did not follow the missing protocol.'] },
      enforcementConsidered: 'Suspension of registration',
      places: '4',
      notes: ['Two places are vacant from October. The home can meet the needs of children with moderate learning disabilities.'],
    });
    expect(briefing.restricted.recentConcerns.map((c) => c.type)).toEqual(['Complaint', 'Serious event notification', 'Change of registered manager']);
    const text = JSON.stringify(report);
    for (const s of ['missing protocol', 'Suspension', 'vacant', 'Complaint', 'Parent complained', 'Places']) expect(text).not.toContain(s);
  });

  it('shows enforcement action taken from the reviewer and imported enforcement signals, never their summaries', () => {
    const visit = typicalVisit();
    const { report } = buildReport({
      visit,
      findings: typicalFindings(visit),
      provider: typicalProvider(),
      signals: [
        {
          signalId: 'e1',
          type: 'enforcement-action',
          date: '2020-07-01',
          urn: 'SC123456',
          severity: 3,
          open: true,
          dueDate: '2020-10-01',
          summary: 'Notice served after whistleblowing about restraint',
        },
      ],
      enforcementRecorded: [{ action: 'compliance-notice', date: '2020-09-20' }],
      status: 'published',
      edition: 1,
      publishedAt: '2020-09-30T10:00:00Z',
    });
    expect(report.enforcementTaken).toEqual([
      'Enforcement action taken on 01/07/2020, still in force, to be met by 01/10/2020',
      'Compliance notice, 20/09/2020',
    ]);
    expect(JSON.stringify(report)).not.toContain('whistleblowing');
  });

  it('includes the schools question and no requirements or enforcement for a local authority visit', () => {
    const visit = typicalVisit({ kind: 'la', target: 'Cardiff Road Borough', targetName: 'Cardiff Road Borough' });
    const { report } = buildReport({
      visit,
      findings: typicalFindings(visit, { schoolsJoinedUp: 'Virtual school checked in weekly.', requirements: [] }),
      signals: [],
      enforcementRecorded: [],
      status: 'published',
      edition: 1,
      publishedAt: '2020-09-14T10:30:00Z',
    });
    expect(report.title).toBe("Visit to Cardiff Road Borough children's services");
    expect(report.narrative.map((s) => s.id)).toContain('schools');
    expect(report.enforcementTaken).toEqual([]);
    expect(report.earlierJudgements[0]!.value).toBe('Not yet inspected under the current framework');
  });

  it("keys the public report by LA, URN and visit (never a home's name), and the briefing under restricted/", () => {
    expect(publicReportKey({ localAuthority: 'St. Helens / Ynys Môn', target: 'SC123456', visitId: 'v-1' }, 'pdf')).toBe(
      'reports/st-helens-ynys-mon/sc123456/v-1/report.pdf',
    );
    expect(briefingKey('v-1', 2, 'html')).toBe('restricted/briefings/v-1/e2.html');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('<>')).toBe('unnamed');
  });
});

describe('the rendered documents', () => {
  it('HTML escapes inspector text and carries every public section', () => {
    const html = renderReportHtml(draft({ goingWell: ['<img src=x onerror=alert(1)>'] }).report);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    for (const id of [
      'details',
      'visit',
      'going-well',
      'needs-to-improve',
      'requirements',
      'recommendations',
      'enforcement',
      'experiences',
      'pandemic',
      'earlier',
    ])
      expect(html).toContain(`id="${id}"`);
    expect(html).not.toContain('noindex');
  });

  it('marks a draft DRAFT and noindex', () => {
    const visit = typicalVisit();
    const { report } = buildReport({
      visit,
      findings: typicalFindings(visit),
      provider: typicalProvider(),
      signals: [],
      enforcementRecorded: [],
      status: 'draft',
      edition: 0,
      publishedAt: '2020-09-14T10:30:00Z',
    });
    const html = renderReportHtml(report);
    expect(html).toContain('DRAFT: not published');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it("shows an amended report's note", () => {
    const visit = typicalVisit();
    const { report } = buildReport({
      visit,
      findings: typicalFindings(visit),
      provider: typicalProvider(),
      signals: [],
      enforcementRecorded: [],
      status: 'amended',
      edition: 2,
      publishedAt: '2020-09-14T10:30:00Z',
      amendment: { note: 'Corrected the number of places.', at: '2020-10-01T09:00:00Z' },
    });
    expect(renderReportHtml(report)).toMatch(/This report was amended[\s\S]*Amended 01\/10\/2020: Corrected the number of places\./);
  });

  it('marks the briefing OFFICIAL-SENSITIVE at the top and bottom, in HTML and on every PDF page', async () => {
    const { briefing } = typicalDocuments();
    const html = renderBriefingHtml(briefing);
    expect(html).toMatch(/id="marking-top">OFFICIAL-SENSITIVE/);
    expect(html).toMatch(/id="marking-bottom">OFFICIAL-SENSITIVE/);
    expect(html).toContain('noindex');
    const pages = await pdfText(await renderBriefingPdf(briefing));
    for (const p of pages) expect(p.match(/OFFICIAL-SENSITIVE/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(pages.join('\n')).toContain('Parent complained about contact arrangements');
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
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}: ${'Children are listened to and their plans are reviewed. '.repeat(6)}`).join('\n');
    const pages = await pdfText(await renderReportPdf(draft({ childrensExperiences: long }).report));
    expect(pages.length).toBeGreaterThan(6);
    expect(pages.join('\n')).toContain('Paragraph 60:');
  });
});

describe('emails', () => {
  it('a report email names the provider once, says what the main points are without counting them, links the public report and attaches the briefing', async () => {
    const { briefing } = typicalDocuments(
      typicalVisit(),
      typicalFindings(typicalVisit(), { seriousConcerns: true, seriousConcernsDescription: 'x', enforcementAction: 'suspension' }),
    );
    const email = composeReportEmail({
      commissioner,
      briefing,
      reportUrl: 'https://visits.example/reports/a/b/v/report.html',
      briefingUrl: 'https://visits.example/briefings/v?token=r1.x.y',
      unsubscribeUrl: 'https://visits.example/unsubscribe?token=u1.x.y',
      briefingPdf: Buffer.from('%PDF-1.7 test'),
      sender: 'visits@example.gov.uk',
    });
    expect(email.subject).toBe("Serious concerns: visit report: Children's home (URN SC123456), Cardiff Road Borough");
    expect(email.text.match(/SC123456/g)).toHaveLength(1);
    expect(email.text).toContain('- Children have warm, trusting relationships with staff who know them well.');
    expect(email.text).toContain('- and more in the report');
    expect(email.text).not.toMatch(/\d+ points?/);
    expect(email.text).toContain('Enforcement action being considered: Suspension of registration.');
    expect(email.text).toMatch(/Read the public report:\nhttps:\/\/visits\.example\/reports\/a\/b\/v\/report\.html/);
    expect(email.text).toContain('This link does not expire.');
    expect(email.headers).toEqual([
      { name: 'List-Unsubscribe', value: '<https://visits.example/unsubscribe?token=u1.x.y>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([['briefing-OFFICIAL-SENSITIVE-V-2020-0001.pdf', 'application/pdf']]);
    const request = sendEmailInput(email, 'visits-config');
    expect(request.FromEmailAddress).toBe('visits@example.gov.uk');
    expect(request.Destination).toEqual({ ToAddresses: [commissioner.email] });
    expect(request.Content?.Simple?.Headers).toEqual([
      { Name: 'List-Unsubscribe', Value: '<https://visits.example/unsubscribe?token=u1.x.y>' },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(request.Content?.Simple?.Attachments?.map((a) => [a.FileName, a.ContentType, a.ContentDisposition])).toEqual([
      ['briefing-OFFICIAL-SENSITIVE-V-2020-0001.pdf', 'application/pdf', 'ATTACHMENT'],
    ]);
    expect(request.Content?.Simple?.Body?.Html?.Data).toBe(email.html);
  });

  it('a subject can never carry a header injection', () => {
    const visit = typicalVisit({ targetName: 'Evil\r\nBcc: everyone@example.com', provisionType: 'Independent Fostering Agency' });
    const { briefing } = buildReport({
      visit,
      findings: typicalFindings(visit),
      signals: [],
      enforcementRecorded: [],
      status: 'published',
      edition: 1,
      publishedAt: '2020-09-14T10:30:00Z',
    });
    expect(reportEmailSubject(briefing)).toContain('Evil');
    const email = composeReportEmail({
      commissioner,
      briefing,
      reportUrl: 'https://x/r',
      briefingUrl: 'https://x/b',
      unsubscribeUrl: 'https://x/u',
      sender: 'visits@example.gov.uk',
    });
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('a digest lists serious concerns first', async () => {
    const email = composeDigestEmail({
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
  const edition = (over: Partial<ReportEdition>): ReportEdition => ({
    visitId: 'v',
    edition: 1,
    kind: 'publication',
    version: 1,
    title: 'Visit to X',
    targetName: 'X',
    localAuthority: 'LA',
    region: 'North West',
    publishedAt: '2020-09-14T10:00:00Z',
    at: '2020-09-14T10:00:00Z',
    htmlKey: 'reports/la/x/v/report.html',
    pdfKey: 'reports/la/x/v/report.pdf',
    seriousConcerns: true,
    ...over,
  });

  it("lists each visit's newest edition, says when it was amended, and leaves withdrawn reports out", () => {
    const entries = indexEntries(
      [
        edition({ visitId: 'a' }),
        edition({ visitId: 'a', edition: 2, kind: 'amendment', at: '2020-10-01T09:00:00Z', note: 'Fixed' }),
        edition({ visitId: 'b' }),
        edition({ visitId: 'b', edition: 2, kind: 'withdrawal', pdfKey: undefined }),
      ],
      'reports/',
    );
    expect(entries).toEqual([expect.objectContaining({ visitId: 'a', amendedAt: '2020-10-01T09:00:00Z', htmlKey: 'la/x/v/report.html' })]);
    const html = renderPublishedIndex(entries);
    expect(html).toContain('amended 01/10/2020');
    expect(html).not.toMatch(/serious concerns/i);
  });

  it('groups by region then LA, newest first, with search text of name, URN and LA', () => {
    const groups = groupForIndex([
      {
        visitId: 'a',
        title: 'Visit to Older Home',
        targetName: 'Older Home',
        urn: 'SC1',
        localAuthority: 'LA',
        region: 'North West',
        publishedAt: '2020-09-01T00:00:00Z',
        htmlKey: 'x',
      },
      {
        visitId: 'b',
        title: 'Visit to Newer Home',
        targetName: 'Newer Home',
        localAuthority: 'LA',
        region: 'North West',
        publishedAt: '2020-09-20T00:00:00Z',
        htmlKey: 'y',
      },
      {
        visitId: 'c',
        title: 'Visit to Camden',
        targetName: 'Camden',
        localAuthority: 'Camden',
        region: 'London',
        publishedAt: '2020-09-20T00:00:00Z',
        htmlKey: 'z',
      },
    ]);
    expect(groups.map((g) => g.region)).toEqual(['London', 'North West']);
    expect(groups[1]!.authorities[0]!.reports.map((r) => r.visitId)).toEqual(['b', 'a']);
    expect(groups[1]!.authorities[0]!.reports[1]!.search).toBe('visit to older home sc1 la');
  });

  it('escapes names and links to reports under /reports/', () => {
    const html = renderPublishedIndex([
      {
        visitId: 'v',
        title: '<script>x</script>',
        targetName: '<script>x</script>',
        localAuthority: 'LA',
        region: 'North West',
        publishedAt: '2020-09-14T10:00:00Z',
        htmlKey: 'la/x/v/report.html',
        pdfKey: 'la/x/v/report.pdf',
      },
    ]);
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('href="/reports/la/x/v/report.html"');
  });
});

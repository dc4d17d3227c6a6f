/**
 * Properties of the public documents: whatever the source holds and whatever the inspector wrote,
 * a children's home is never named or located, and nothing restricted (intelligence of any kind,
 * enforcement considered, serious concerns, notes for commissioners) reaches the public HTML or the
 * PDF's text. The briefing, built from the same model, does carry them: the checks can fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ukDate } from '../../../shared/domain/dates';
import { ENFORCEMENT_ACTIONS, SIGNAL_TYPES, type IntelligenceSignal, type Provider } from '../../../shared/domain/types';
import { ENFORCEMENT_LABELS, type Findings } from '../../../shared/findings/schema';
import { IDENTIFYING_FIELDS, type IdentifyingField } from '../../../shared/reports/anonymise';
import { buildReport, SIGNAL_LABELS } from '../../../shared/reports/report-model';
import { renderBriefingHtml, renderReportHtml } from '../../../shared/reports/render-html';
import { renderReportPdf } from '../../../shared/reports/render-pdf';
import { pdfText } from '../../support/pdf';
import { typicalFindings, typicalLaOutcome, typicalProvider, typicalVisit } from '../../support/report-fixture';

/** A PDF wraps text into lines: compare with every run of white space as one space, so a string split across lines is still found. */
const flat = (t: string): string => t.replace(/\s+/g, ' ');

/** Every kind of children's home in Ofsted's provider file, and spellings of them seen elsewhere: anonymised. */
const CHILDRENS_HOMES = [
  "Children's home",
  "Secure children's home",
  "Residential special school (registered as a children's home)",
  'Children’s Home',
  'CHILDRENS HOME',
  "Secure Children's Home",
];
/** Every other provision type in the file: named in public (never located: no address is ever public). */
const OTHER_TYPES = [
  'Independent Fostering Agency',
  'Residential Special School',
  'Boarding School',
  'Voluntary Adoption Agency',
  'Further Education College with Residential Accommodation',
  'Residential Family Centre',
  'Adoption Support Agency',
  'Residential Holiday Scheme for Disabled Children',
  'Secure Training Centre',
  'CAFCASS',
];

/** Distinctive words (never a substring of anything else in a report). */
const token = (prefix: string) => fc.string({ unit: fc.constantFrom(...'bcdfghjklmnpqrstvwxz'), minLength: 6, maxLength: 10 }).map((s) => `${prefix}${s}`);
const free = fc
  .array(fc.constantFrom('children', 'staff', 'plans', 'safe', 'records', 'visits', 'school', 'well'), { minLength: 3, maxLength: 12 })
  .map((w) => w.join(' '));

const sourceFields = fc.record({
  name: token('Nm'),
  line1: token('Ad'),
  line2: token('Ae'),
  town: token('Tw'),
  county: token('Cy'),
  postcode: fc.tuple(token('PC'), fc.integer({ min: 1, max: 9 })).map(([t, n]) => `${t.slice(0, 4).toUpperCase()}${n} ${n}XY`),
  parliamentaryConstituency: token('Pk'),
});

function providerWith(
  type: string,
  f: { name: string; line1: string; line2: string; town: string; county: string; postcode: string; parliamentaryConstituency: string },
): Provider {
  return typicalProvider({
    provisionType: type,
    name: f.name,
    address: { line1: f.line1, line2: f.line2, town: f.town, county: f.county, postcode: f.postcode, redacted: false },
    parliamentaryConstituency: f.parliamentaryConstituency,
  });
}

/** The public and restricted HTML of a report on this provider, whose inspector named the home (or where it is) in their own words. */
function documentsNaming(
  type: string,
  fields: { name: string; line1: string; line2: string; town: string; county: string; postcode: string; parliamentaryConstituency: string },
  mentioned?: IdentifyingField,
) {
  const provider = providerWith(type, fields);
  const visit = typicalVisit({ targetName: fields.name, provisionType: type });
  const findings = mentioned
    ? typicalFindings(visit, {
        goingWell: [`Staff at ${fields[mentioned]} know the children well.`],
        childrensExperiences: `Children at ${fields.name} in ${fields.town} (${fields.postcode}) are settled.`,
      })
    : typicalFindings(visit);
  const { report, briefing } = buildReport({
    visit,
    findings,
    provider,
    laOutcome: typicalLaOutcome,
    signals: [],
    enforcementRecorded: [],
    status: 'published',
    edition: 1,
    publishedAt: '2020-09-14T10:30:00Z',
  });
  return { report, html: renderReportHtml(report, { inlineCss: false }), briefing: renderBriefingHtml(briefing, { inlineCss: false }) };
}

describe('the anonymiser', () => {
  it("names and locates no children's home of any kind in the public HTML, whatever the source holds and the inspector wrote", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHILDRENS_HOMES), sourceFields, fc.constantFrom(...IDENTIFYING_FIELDS), (type, fields, mentioned) => {
        const { report, html, briefing } = documentsNaming(type, fields, mentioned);
        for (const s of Object.values(fields)) expect(html.toLowerCase()).not.toContain(s.toLowerCase());
        expect(report.title).toBe(`Visit to ${type} (URN SC123456)`);
        // What may show still does.
        for (const s of ['SC123456', type.replace(/'/g, '&#39;'), 'Example Care Ltd', 'Cardiff Road Borough', 'North West']) expect(html).toContain(s);
        // The briefing says where the home is: commissioners place children there.
        expect(briefing).toContain(fields.name);
      }),
      { numRuns: 300 },
    );
  });

  it('names every other kind of provider, and gives none of their addresses from the source, in the public HTML', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OTHER_TYPES), sourceFields, (type, fields) => {
        const { html } = documentsNaming(type, fields);
        expect(html).toContain(`Visit to ${fields.name}`);
        for (const s of [fields.line1, fields.line2, fields.town, fields.county, fields.postcode, fields.parliamentaryConstituency])
          expect(html).not.toContain(s);
      }),
      { numRuns: 100 },
    );
  });

  it("names and locates no children's home in the PDF's text either", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHILDRENS_HOMES), sourceFields, async (type, fields) => {
        const provider = providerWith(type, fields);
        const visit = typicalVisit({ targetName: fields.name, provisionType: type });
        const findings = typicalFindings(visit, { needsToImprove: [`The garden at ${fields.line1}, ${fields.town} needs a fence.`] });
        const { report } = buildReport({
          visit,
          findings,
          provider,
          signals: [],
          enforcementRecorded: [],
          status: 'published',
          edition: 1,
          publishedAt: '2020-09-14T10:30:00Z',
        });
        const text = flat((await pdfText(await renderReportPdf(report))).join('\n')).toLowerCase();
        for (const s of Object.values(fields)) expect(text).not.toContain(flat(s).toLowerCase());
        expect(text).toContain('the garden at [removed], [removed] needs a fence.');
      }),
      { numRuns: 12 },
    );
  });
});

// ------------------------------------------------------------------------ restricted material

const signalArb = fc.record({
  type: fc.constantFrom(...SIGNAL_TYPES.filter((t) => t !== 'enforcement-action')),
  // Before the visit, after the earlier inspections: no other date in the report falls here.
  date: fc.integer({ min: Date.parse('2019-10-01'), max: Date.parse('2020-08-31') }).map((t) => new Date(t).toISOString().slice(0, 10)),
  summary: token('Sm'),
  severity: fc.constantFrom(1 as const, 2 as const, 3 as const),
});

const restrictedFindings = fc.record({
  seriousConcerns: fc.boolean(),
  description: token('Sc'),
  enforcementAction: fc.constantFrom(...ENFORCEMENT_ACTIONS.filter((a) => a !== 'none')),
  notes: token('Nt'),
  publicText: free,
});

function documentsFor(
  r: { seriousConcerns: boolean; description: string; enforcementAction: (typeof ENFORCEMENT_ACTIONS)[number]; notes: string; publicText: string },
  signals: { type: IntelligenceSignal['type']; date: string; summary: string; severity: 1 | 2 | 3 }[],
) {
  const visit = typicalVisit();
  const over: Partial<Findings> = {
    goingWell: [r.publicText],
    seriousConcerns: r.seriousConcerns,
    ...(r.seriousConcerns ? { seriousConcernsDescription: r.description, enforcementAction: r.enforcementAction } : {}),
    notesForCommissioners: r.notes,
  };
  return buildReport({
    visit,
    findings: typicalFindings(visit, over),
    provider: typicalProvider(),
    laOutcome: typicalLaOutcome,
    signals: signals.map((s, i) => ({ ...s, signalId: `s${i}`, urn: 'SC123456', open: false })),
    enforcementRecorded: [],
    status: 'published',
    edition: 1,
    publishedAt: '2020-09-14T10:30:00Z',
  });
}

function restrictedStrings(
  r: { seriousConcerns: boolean; description: string; enforcementAction: (typeof ENFORCEMENT_ACTIONS)[number]; notes: string },
  signals: { type: IntelligenceSignal['type']; date: string; summary: string }[],
): string[] {
  return [
    r.notes,
    ...(r.seriousConcerns ? [r.description, ENFORCEMENT_LABELS[r.enforcementAction]] : []),
    ...signals.flatMap((s) => [s.summary, SIGNAL_LABELS[s.type], ukDate(s.date)]),
    'Recent concerns',
    'Notes from inspectors',
    'Enforcement being considered',
    'Serious concerns',
  ];
}

describe('the public report', () => {
  it('holds no intelligence (summaries, types, dates), no enforcement considered, no serious concerns and no notes for commissioners, for any findings and signals', () => {
    fc.assert(
      fc.property(restrictedFindings, fc.array(signalArb, { maxLength: 6 }), (r, signals) => {
        const { report, briefing } = documentsFor(r, signals);
        const html = renderReportHtml(report, { inlineCss: false });
        for (const s of restrictedStrings(r, signals)) expect(html, s).not.toContain(s);
        // The same material is in the briefing, so this test would see a leak.
        const restricted = renderBriefingHtml(briefing, { inlineCss: false });
        expect(restricted).toContain(r.notes);
        for (const s of signals) expect(restricted).toContain(s.summary);
      }),
      { numRuns: 500 },
    );
  });

  it("holds none of it in the PDF's text either", async () => {
    await fc.assert(
      fc.asyncProperty(restrictedFindings, fc.array(signalArb, { minLength: 1, maxLength: 4 }), async (r, signals) => {
        const { report } = documentsFor(r, signals);
        const text = flat((await pdfText(await renderReportPdf(report))).join('\n'));
        for (const s of restrictedStrings(r, signals)) expect(text, s).not.toContain(flat(s));
        expect(text).toContain(flat(r.publicText));
      }),
      { numRuns: 15 },
    );
  });
});

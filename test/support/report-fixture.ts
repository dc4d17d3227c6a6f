/**
 * A typical published report, built in memory (no emulators): a children's home with a previous
 * "Requires improvement" inspection, three recent concerns, five points going well, four to
 * improve, two requirements, a recommendation and a page or two of narrative. Shared by the report
 * unit tests and the PDF benchmark.
 */
import type { IntelligenceSignal, LaOutcome, Provider, Visit } from '../../shared/domain/types';
import type { FindingsVersion } from '../../shared/findings/schema';
import { mulberry32 } from '../../shared/ingest/random';
import { buildReport, type Briefing, type PublicReport } from '../../shared/reports/report-model';

const paragraph = (topic: string) =>
  `${topic}: children told inspectors that staff listen to them and that they feel safe. Managers have kept contact with families going during the pandemic, using video calls when visits were not possible, and records show that children's plans were reviewed on time. Staff know each child's history and needs well and use this to plan each day with care.`;

export function typicalProvider(over: Partial<Provider> = {}): Provider {
  return {
    urn: 'SC123456',
    name: 'Ty Gwyn Children’s Home',
    provisionType: "Children's home",
    registrationStatus: 'Active',
    sector: 'Private',
    places: 4,
    localAuthority: 'Cardiff Road Borough',
    region: 'North West',
    address: { redacted: true },
    registrationDate: '2015-06-01',
    owner: 'Example Care Ltd',
    latestFullInspection: {
      urn: 'SC123456',
      eventNumber: '10001',
      eventType: 'Full inspection',
      inspectionDate: '2019-03-12',
      overall: { kind: 'grade', grade: 'requires-improvement', words: 'Requires improvement to be good' },
      judgements: {},
    },
    status: 'open',
    snapshotId: 'fixture',
    ...over,
  };
}

export function typicalVisit(over: Partial<Visit> = {}): Visit {
  return {
    visitId: 'V-2020-0001',
    programmeId: 'P-fixture',
    kind: 'provider',
    target: 'SC123456',
    targetName: 'Ty Gwyn Children’s Home',
    provisionType: "Children's home",
    localAuthority: 'Cardiff Road Borough',
    region: 'North West',
    week: '2020-09-07',
    noticeDate: '2020-09-04',
    inspector: 'inspector@example.gov.uk',
    score: 64,
    reasons: ['Requires improvement at last full inspection (12/03/2019): +25'],
    status: 'findings-received',
    ...over,
  };
}

export function typicalFindings(visit: Visit, over: Partial<FindingsVersion['findings']> = {}, version = 1): FindingsVersion {
  return {
    visitId: visit.visitId,
    version,
    submissionId: '00000000-0000-4000-8000-000000000001',
    inspector: 'inspector@example.gov.uk',
    receivedAt: '2020-09-14T10:30:00.000Z',
    s3Key: `findings/${visit.visitId}/00000000-0000-4000-8000-000000000001.json`,
    findings: {
      schemaVersion: 1,
      visitId: visit.visitId,
      visitStartDate: '2020-09-08',
      visitEndDate: '2020-09-09',
      method: 'blended',
      childrensExperiences: [paragraph('Daily life'), paragraph('Education'), paragraph('Health')].join('\n'),
      pandemicDecisions: [paragraph('Contact'), paragraph('Staffing')].join('\n'),
      goingWell: [
        'Children have warm, trusting relationships with staff who know them well.',
        'Children attend school regularly and two have passed exams this summer.',
        'Managers have kept family contact going through video calls.',
        'Staff training on self-harm has been completed by everyone.',
        'Ŵyn and Siân described trips they enjoyed, and their views shape the menu.',
      ],
      needsToImprove: [
        'Risk assessments are not always updated after an incident.',
        'Records of physical intervention lack the child’s view.',
        'Supervision of new staff is not regular enough.',
        'The registered manager does not yet audit medication records weekly.',
      ],
      requirements: [
        {
          text: 'Update each child’s risk assessment after every incident.',
          regulation: 'Regulation 12 (protection of children standard)',
          dueDate: '2020-10-30',
        },
        { text: 'Make sure new staff are supervised at least monthly.', dueDate: '2020-11-30' },
      ],
      recommendations: ['Record the child’s view in every record of physical intervention.'],
      seriousConcerns: false,
      notesForCommissioners: 'Two places are vacant from October. The home can meet the needs of children with moderate learning disabilities.',
      ...over,
    },
  };
}

export const typicalLaOutcome: LaOutcome = {
  localAuthority: 'Cardiff Road Borough',
  region: 'North West',
  inspectionDate: '2018-11-20',
  overall: 'good',
  leadersImpact: 'good',
  helpAndProtection: 'requires-improvement',
  childrenInCare: 'good',
  careLeavers: 'good',
  areaForPriorityAction: false,
};

const signal = (signalId: string, type: IntelligenceSignal['type'], date: string, summary?: string): IntelligenceSignal => ({
  signalId,
  type,
  date,
  urn: 'SC123456',
  severity: 2,
  open: false,
  ...(summary ? { summary } : {}),
});

export const typicalSignals: IntelligenceSignal[] = [
  signal('s1', 'complaint', '2020-06-02', 'Parent complained about contact arrangements'),
  signal('s2', 'serious-event', '2020-04-18', 'Child missing overnight, returned safe'),
  signal('s3', 'manager-change', '2020-01-10'),
];

export function typicalDocuments(
  visit = typicalVisit(),
  findings = typicalFindings(visit),
  provider: Provider | undefined = typicalProvider(),
  signals = typicalSignals,
): { report: PublicReport; briefing: Briefing } {
  return buildReport({
    visit,
    findings,
    provider,
    laOutcome: typicalLaOutcome,
    signals,
    enforcementRecorded: [],
    status: 'published',
    edition: 1,
    publishedAt: '2020-09-14T10:30:00.000Z',
  });
}

export function typicalReportModel(
  visit = typicalVisit(),
  findings = typicalFindings(visit),
  provider: Provider | undefined = typicalProvider(),
): PublicReport {
  return typicalDocuments(visit, findings, provider).report;
}

/* Varied reports for the PDF benchmark: each one a different home, with its own mix of sentences,
   names and numbers, so no two reports share their text (as real reports don't), while sharing
   the everyday vocabulary real reports share. */
const NAMES = [
  'Amara',
  'Bethan',
  'Callum',
  'Dylan',
  'Efa',
  'Farah',
  'Gethin',
  'Hana',
  'Idris',
  'Jade',
  'Kofi',
  'Lowri',
  'Maya',
  'Noah',
  'Osian',
  'Priya',
  'Rhys',
  'Seren',
  'Tomos',
  'Zainab',
];
const PLACES = ['Hillside', 'Oakfield', 'Riverside', 'Meadow View', 'Bryn Celyn', 'Larch House', 'Fernbank', 'Ty Coed', 'Willow Lodge', 'Harbour Lights'];
const SENTENCES = [
  (n: string, _k: number) => `${n} told inspectors that staff listen to them and that they feel safe in the home.`,
  (_n: string, k: number) => `Managers kept contact with families going during the pandemic, using ${k} video calls a week when visits were not possible.`,
  (_n: string, k: number) => `Records show that ${k} of the children's plans were reviewed on time this year.`,
  (n: string, _k: number) => `Staff know ${n}'s history well and use it to plan each day with care.`,
  (n: string, k: number) => `${n} has settled at a new school after ${k} weeks of careful transition work with teachers.`,
  (n: string, k: number) => `When ${n} went missing overnight, staff followed the protocol and a return-home interview took place within ${k} hours.`,
  (_n: string, k: number) => `The registered manager audits medication records every ${k} days and acts on what she finds.`,
  (n: string, _k: number) => `Children's views, including ${n}'s, shape menus, activities and the décor of their rooms.`,
  (_n: string, k: number) => `Independent visitors' reports have identified ${k} shortfalls; the provider has addressed most of them.`,
  (n: string, _k: number) => `${n} is supported to see a therapist weekly and staff use the same language about feelings.`,
  (_n: string, k: number) => `Incidents of physical intervention fell from ${k + 6} to ${k} over the last six months.`,
  (_n: string, k: number) => `Staff turnover has been high: ${k} new staff started since the last inspection, and induction is not yet complete for all.`,
  (n: string, _k: number) => `Social workers praised the home's communication, describing updates after every significant event concerning ${n}.`,
  (_n: string, _k: number) => `Leaders made sensible decisions about schooling while schools were closed, recording why each change was made.`,
  (_n: string, k: number) => `The home's location assessment was reviewed ${k} times in response to local exploitation concerns.`,
  (n: string, _k: number) => `${n} described a trip to the coast and a birthday celebration that staff organised with his family.`,
  (_n: string, k: number) => `Health needs are met: every child is registered with a dentist and ${k} attended optician appointments.`,
  (_n: string, k: number) => `Key-work sessions happen weekly, though records of ${k} sessions did not capture the child's own words.`,
];

export function variedReportModel(i: number): PublicReport {
  const rand = mulberry32(1000 + i);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const paragraph = () => Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(SENTENCES)(pick(NAMES), 2 + Math.floor(rand() * 20))).join(' ');
  const urn = `SC${String(200000 + i)}`;
  const name = `${pick(PLACES)} ${pick(['Children’s Home', 'House', 'Lodge'])} ${i}`;
  const visit = typicalVisit({ visitId: `V-2020-${String(i).padStart(4, '0')}`, target: urn, targetName: name });
  const findings = typicalFindings(visit, {
    childrensExperiences: Array.from({ length: 2 + Math.floor(rand() * 3) }, paragraph).join('\n'),
    pandemicDecisions: Array.from({ length: 1 + Math.floor(rand() * 2) }, paragraph).join('\n'),
    goingWell: Array.from({ length: 2 + Math.floor(rand() * 5) }, () => pick(SENTENCES)(pick(NAMES), 1 + Math.floor(rand() * 9))),
    needsToImprove: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(SENTENCES)(pick(NAMES), 1 + Math.floor(rand() * 9))),
  });
  return typicalReportModel(visit, findings, typicalProvider({ urn, name, places: 2 + Math.floor(rand() * 6) }));
}

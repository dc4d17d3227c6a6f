/**
 * A typical published report, built in memory (no emulators): a children's home with a previous
 * "Requires improvement" inspection, three recent concerns, five points going well, four to
 * improve and a page or two of narrative. Shared by the report unit tests and the PDF benchmark.
 */
import type { Provider, Visit } from '../../shared/domain/types';
import type { FindingsVersion } from '../../shared/findings/schema';
import { buildReportModel, type ReportModel } from '../../shared/reports/report-model';

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
      seriousConcerns: false,
      notesForCommissioners: 'Two places are vacant from October. The home can meet the needs of children with moderate learning disabilities.',
      ...over,
    },
  };
}

export function typicalReportModel(): ReportModel {
  const visit = typicalVisit();
  return buildReportModel({
    visit,
    findings: typicalFindings(visit),
    provider: typicalProvider(),
    laOutcome: {
      localAuthority: 'Cardiff Road Borough',
      region: 'North West',
      inspectionDate: '2018-11-20',
      overall: 'good',
      leadersImpact: 'good',
      helpAndProtection: 'requires-improvement',
      childrenInCare: 'good',
      careLeavers: 'good',
      areaForPriorityAction: false,
    },
    recentConcerns: [
      { type: 'complaint', date: '2020-06-02', summary: 'Parent complained about contact arrangements' },
      { type: 'serious-event', date: '2020-04-18', summary: 'Child missing overnight, returned safe' },
      { type: 'manager-change', date: '2020-01-10' },
    ],
    publishedAt: '2020-09-14T10:30:00.000Z',
  });
}

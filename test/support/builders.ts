/** Pure builders of domain records for tests: sensible defaults, any field overridable. */
import type { InspectionEvent, Provider } from '../../shared/domain/types';

type Grade = 'outstanding' | 'good' | 'requires-improvement' | 'inadequate';

export function anInspection(urn: string, date: string, grade: Grade, eventType = 'Full inspection', words: string = grade): InspectionEvent {
  return { urn, eventNumber: `${urn}-${date}`, eventType, inspectionDate: date, overall: { kind: 'grade', grade, words }, judgements: {} };
}

/** An open, active private children's home in Testshire (North West), judged good in March 2019. */
export function aProvider(urn: string, over: Partial<Provider> = {}): Provider {
  return {
    urn,
    name: `Home ${urn}`,
    provisionType: "Children's home",
    registrationStatus: 'Active',
    sector: 'Private',
    places: 4,
    localAuthority: 'Testshire',
    region: 'North West',
    address: { redacted: true },
    status: 'open',
    snapshotId: 's',
    latestFullInspection: anInspection(urn, '2019-03-12', 'good'),
    ...over,
  };
}

/**
 * Two documents from one model: what a visit's **public report** says, and the **restricted
 * briefing** for commissioners, which is the public report plus what must never be public
 * (serious concerns and the enforcement considered, intelligence received before the visit,
 * inspectors' notes for commissioners, places, where the service is). Both are built here, once,
 * and rendered to HTML and PDF by separate renderers; the public renderers only ever receive a
 * `PublicReport`, whose type has no field for restricted material.
 *
 * The visit itself is never graded. The only judgements shown are earlier inspections', labelled as
 * earlier, with their dates. Children's homes are anonymised (see anonymise.ts). Pure: no I/O.
 */
import { ukDate } from '../domain/dates';
import { GRADE_LABELS } from '../domain/grades';
import type { IntelligenceSignal, LaOutcome, Provider, SignalType, TargetKind, Visit } from '../domain/types';
import { ENFORCEMENT_LABELS, METHOD_LABELS, type FindingsVersion } from '../findings/schema';
import type { RecordedEnforcement } from '../publication/lifecycle';
import { identifyingStrings, isAnonymisedType, publicName, scrub } from './anonymise';

export interface ReportFact {
  readonly label: string;
  readonly value: string;
}

export interface ReportSection {
  readonly id: string;
  readonly heading: string;
  /** Paragraphs of inspector text (newlines inside split into paragraphs). */
  readonly paragraphs: readonly string[];
}

export interface ReportRequirement {
  readonly text: string;
  readonly regulation?: string;
  /** dd/mm/yyyy. */
  readonly dueDate: string;
}

/** How far a report has got: a draft (reviewers, contacts), public, amended, or withdrawn. */
export type ReportStatus = 'draft' | 'published' | 'amended';

/** Everything the public report says. Nothing restricted has a field here. */
export interface PublicReport {
  readonly status: ReportStatus;
  readonly title: string;
  readonly kind: TargetKind;
  readonly visitId: string;
  /** The findings version the text comes from. */
  readonly version: number;
  /** The public edition (0 for a draft). */
  readonly edition: number;
  /** How the provider or LA is named in public (a children's home: its type and URN). */
  readonly targetName: string;
  /** URN for a provider, the LA name for an LA. */
  readonly target: string;
  readonly localAuthority: string;
  readonly region: string;
  /** ISO instant of first publication (drafts: when the draft was made). */
  readonly publishedAt: string;
  readonly publishedOn: string;
  readonly visitDates: string;
  readonly method: string;
  /** Who: URN, type, provider organisation, LA, region (no address, ever; no name for a children's home). */
  readonly details: readonly ReportFact[];
  readonly goingWell: readonly string[];
  readonly needsToImprove: readonly string[];
  readonly requirements: readonly ReportRequirement[];
  readonly recommendations: readonly string[];
  /** Enforcement action taken (imported enforcement signals and what the reviewer recorded), in words. */
  readonly enforcementTaken: readonly string[];
  /** Narrative sections in reading order (children's experiences, pandemic decisions, schools). */
  readonly narrative: readonly ReportSection[];
  /** Earlier judgements, each labelled as earlier. */
  readonly earlierJudgements: readonly ReportFact[];
  /** The local authority's own previous inspection (ILACS), for a provider visit. */
  readonly laContext: readonly ReportFact[];
  /** On an amended report: what changed, and when. */
  readonly amendment?: { readonly note: string; readonly on: string };
}

/** What only commissioners subscribed to the area or URN read, besides the public report. */
export interface RestrictedAnnex {
  readonly seriousConcerns: { readonly raised: boolean; readonly description: readonly string[] };
  readonly enforcementConsidered?: string;
  readonly recentConcerns: readonly { readonly type: string; readonly date: string; readonly summary?: string }[];
  readonly notes: readonly string[];
  readonly places: string;
  /** The service's name and address as held (a children's home's too: commissioners place children there). */
  readonly whereabouts: readonly ReportFact[];
}

export interface Briefing {
  readonly report: PublicReport;
  readonly restricted: RestrictedAnnex;
}

export interface ReportInputs {
  readonly visit: Visit;
  readonly findings: FindingsVersion;
  readonly provider?: Provider;
  readonly laOutcome?: LaOutcome;
  /** Every intelligence signal held for the provider or LA. */
  readonly signals: readonly IntelligenceSignal[];
  readonly enforcementRecorded: readonly RecordedEnforcement[];
  readonly status: ReportStatus;
  readonly edition: number;
  /** First publication (or, for a draft, now). */
  readonly publishedAt: string;
  readonly amendment?: { readonly note: string; readonly at: string };
}

export const SIGNAL_LABELS: Record<SignalType, string> = {
  complaint: 'Complaint',
  'serious-event': 'Serious event notification',
  whistleblowing: 'Whistleblowing',
  'safeguarding-concern': 'Safeguarding concern',
  'la-concern': 'Concern raised by a local authority',
  'manager-change': 'Change of registered manager',
  'enforcement-action': 'Enforcement action',
  'independent-report': 'Independent visitor report',
  'independent-report-missing': 'Independent visitor report missing',
  'independent-report-late': 'Independent visitor report late',
  'independent-report-concern': 'Independent visitor report raising concerns',
  'serious-concerns': 'Serious concerns recorded at a visit',
};

/** Intelligence received in this many days before the visit goes into the briefing. */
export const RECENT_CONCERN_DAYS = 365;

/** Inspector text keeps its paragraphs: blank lines or single newlines both start a new one. */
export function paragraphsOf(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function visitDates(start: string, end: string): string {
  return start === end ? ukDate(start) : `${ukDate(start)} to ${ukDate(end)}`;
}

function providerDetails(p: Provider | undefined, visit: Visit): ReportFact[] {
  const type = p?.provisionType ?? visit.provisionType;
  const facts: ReportFact[] = [{ label: 'URN', value: visit.target }];
  if (type) facts.push({ label: 'Type of provision', value: type });
  if (p && !isAnonymisedType(type)) {
    facts.push({ label: 'Sector', value: p.sector });
    if (p.registrationDate) facts.push({ label: 'Registered', value: ukDate(p.registrationDate) });
  }
  if (p?.owner) facts.push({ label: 'Provider organisation', value: p.owner });
  facts.push({ label: 'Local authority', value: visit.localAuthority }, { label: 'Ofsted region', value: visit.region });
  return facts;
}

function previousProviderInspection(p: Provider | undefined): ReportFact[] {
  const last = p?.latestFullInspection;
  if (!last) return [{ label: 'Previous full inspection', value: 'None on record: not inspected since registration' }];
  const judgement =
    last.overall.kind === 'grade' ? GRADE_LABELS[last.overall.grade] : last.overall.kind === 'none' ? 'No overall judgement published' : last.overall.words;
  return [
    { label: 'Previous full inspection', value: ukDate(last.inspectionDate) },
    { label: 'Overall effectiveness at the previous inspection', value: judgement },
  ];
}

function laInspectionFacts(la: LaOutcome | undefined, name: string): ReportFact[] {
  if (!la || !la.inspectionDate || !la.overall)
    return [{ label: `Previous inspection of ${name} children's services`, value: 'Not yet inspected under the current framework' }];
  const facts: ReportFact[] = [
    { label: `Previous inspection of ${name} children's services`, value: ukDate(la.inspectionDate) },
    { label: 'Overall effectiveness at that inspection', value: GRADE_LABELS[la.overall] },
  ];
  if (la.leadersImpact) facts.push({ label: 'Impact of leaders (previous inspection)', value: GRADE_LABELS[la.leadersImpact] });
  if (la.helpAndProtection) facts.push({ label: 'Children who need help and protection (previous inspection)', value: GRADE_LABELS[la.helpAndProtection] });
  if (la.childrenInCare) facts.push({ label: 'Children in care (previous inspection)', value: GRADE_LABELS[la.childrenInCare] });
  if (la.careLeavers) facts.push({ label: 'Care leavers (previous inspection)', value: GRADE_LABELS[la.careLeavers] });
  if (la.areaForPriorityAction) facts.push({ label: 'Area for priority action', value: 'Yes, named at that inspection' });
  return facts;
}

/** Enforcement taken, in words: imported enforcement signals (their date and state, never their summary) and the reviewer's record. */
function enforcementTaken(inputs: ReportInputs): string[] {
  if (inputs.visit.kind !== 'provider') return [];
  const fromSignals = inputs.signals
    .filter((s) => s.type === 'enforcement-action')
    .sort((a, b) => a.date.localeCompare(b.date) || a.signalId.localeCompare(b.signalId))
    .map((s) => `Enforcement action taken on ${ukDate(s.date)}${s.open ? ', still in force' : ''}${s.dueDate ? `, to be met by ${ukDate(s.dueDate)}` : ''}`);
  const recorded = [...inputs.enforcementRecorded]
    .sort((a, b) => a.date.localeCompare(b.date) || a.action.localeCompare(b.action))
    .map((e) => `${ENFORCEMENT_LABELS[e.action]}, ${ukDate(e.date)}`);
  return [...fromSignals, ...recorded];
}

function recentConcerns(signals: readonly IntelligenceSignal[], before: string): RestrictedAnnex['recentConcerns'] {
  const from = new Date(Date.parse(`${before}T00:00:00Z`) - RECENT_CONCERN_DAYS * 86_400_000).toISOString().slice(0, 10);
  return signals
    .filter((s) => s.date >= from && s.date <= before)
    .sort((a, b) => b.date.localeCompare(a.date) || a.signalId.localeCompare(b.signalId))
    .map((s) => ({ type: SIGNAL_LABELS[s.type] ?? s.type, date: ukDate(s.date), ...(s.summary ? { summary: s.summary } : {}) }));
}

function whereabouts(p: Provider | undefined, visit: Visit): ReportFact[] {
  if (visit.kind === 'la') return [{ label: 'Local authority', value: visit.localAuthority }];
  const address = [p?.address.line1, p?.address.line2, p?.address.town, p?.address.county, p?.address.postcode].filter((s): s is string => Boolean(s?.trim()));
  return [
    { label: 'Name', value: p?.name ?? visit.targetName },
    { label: 'Address', value: p?.address.redacted || address.length === 0 ? 'Not held (the provider file gives it as REDACTED)' : address.join(', ') },
  ];
}

export function buildReport(inputs: ReportInputs): { report: PublicReport; briefing: Briefing } {
  const { visit, findings: stored, provider, laOutcome } = inputs;
  const f = stored.findings;
  const isLa = visit.kind === 'la';
  // Inspector text, scrubbed of anything that locates a children's home.
  const hidden = identifyingStrings(provider, isAnonymisedType(provider?.provisionType ?? visit.provisionType) ? [visit.targetName] : []);
  const clean = (s: string) => scrub(s, hidden);
  const paragraphs = (s: string | undefined) => paragraphsOf(s).map(clean);
  const targetName = isLa
    ? visit.localAuthority
    : publicName({ urn: visit.target, name: provider?.name ?? visit.targetName, provisionType: provider?.provisionType ?? visit.provisionType });
  const narrative: ReportSection[] = [
    { id: 'experiences', heading: "Children's experiences and progress", paragraphs: paragraphs(f.childrensExperiences) },
    { id: 'pandemic', heading: 'How decisions for children were made during the pandemic', paragraphs: paragraphs(f.pandemicDecisions) },
    ...(isLa && f.schoolsJoinedUp
      ? [{ id: 'schools', heading: 'How schools and social care worked together while schools were closed', paragraphs: paragraphs(f.schoolsJoinedUp) }]
      : []),
  ];
  const report: PublicReport = {
    status: inputs.status,
    title: isLa ? `Visit to ${visit.localAuthority} children's services` : `Visit to ${targetName}`,
    kind: visit.kind,
    visitId: visit.visitId,
    version: stored.version,
    edition: inputs.edition,
    targetName,
    target: visit.target,
    localAuthority: visit.localAuthority,
    region: visit.region,
    publishedAt: inputs.publishedAt,
    publishedOn: ukDate(inputs.publishedAt),
    visitDates: visitDates(f.visitStartDate, f.visitEndDate),
    method: METHOD_LABELS[f.method],
    details: isLa
      ? [
          { label: 'Local authority', value: visit.localAuthority },
          { label: 'Ofsted region', value: visit.region },
        ]
      : providerDetails(provider, visit),
    goingWell: f.goingWell.map(clean),
    needsToImprove: f.needsToImprove.map(clean),
    requirements: f.requirements.map((r) => ({
      text: clean(r.text),
      ...(r.regulation ? { regulation: clean(r.regulation) } : {}),
      dueDate: ukDate(r.dueDate),
    })),
    recommendations: f.recommendations.map(clean),
    enforcementTaken: enforcementTaken(inputs),
    narrative,
    earlierJudgements: isLa ? laInspectionFacts(laOutcome, visit.localAuthority) : previousProviderInspection(provider),
    laContext: isLa ? [] : laInspectionFacts(laOutcome, visit.localAuthority),
    ...(inputs.amendment ? { amendment: { note: clean(inputs.amendment.note), on: ukDate(inputs.amendment.at) } } : {}),
  };
  const restricted: RestrictedAnnex = {
    seriousConcerns: { raised: f.seriousConcerns, description: paragraphsOf(f.seriousConcernsDescription) },
    ...(!isLa && f.seriousConcerns && f.enforcementAction && f.enforcementAction !== 'none'
      ? { enforcementConsidered: ENFORCEMENT_LABELS[f.enforcementAction] }
      : {}),
    recentConcerns: recentConcerns(inputs.signals, f.visitStartDate),
    notes: paragraphsOf(f.notesForCommissioners),
    places: isLa ? 'Not applicable to a local authority' : provider?.places === undefined ? 'Not published' : String(provider.places),
    whereabouts: whereabouts(provider, visit),
  };
  return { report, briefing: { report, restricted } };
}

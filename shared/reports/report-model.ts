/**
 * What a published visit report says, built once from the visit, its findings and the context
 * commissioners need, and then rendered to HTML and PDF by separate renderers so the two always
 * carry the same content. Pure: no I/O.
 *
 * The visit itself is never graded. The only judgements shown are earlier inspections', always
 * labelled as the previous inspection with its date.
 */
import { ukDate } from '../domain/dates';
import { GRADE_LABELS } from '../domain/grades';
import { providerDisplayName } from '../domain/names';
import { objectKeys } from '../object-keys';
import type { IntelligenceSignal, LaOutcome, Provider, SignalType, TargetKind, Visit } from '../domain/types';
import { ENFORCEMENT_LABELS, METHOD_LABELS, type FindingsVersion } from '../findings/schema';

export interface ReportFact {
  readonly label: string;
  readonly value: string;
}

export interface ReportSection {
  readonly id: string;
  readonly heading: string;
  /** Paragraphs of inspector text (newlines inside split into paragraphs). */
  readonly paragraphs: readonly string[];
  /** Bulleted points, when the section is a list. */
  readonly points?: readonly string[];
  /** Said when there is nothing to list. */
  readonly emptyText?: string;
}

export interface ReportModel {
  readonly title: string;
  readonly kind: TargetKind;
  readonly visitId: string;
  readonly version: number;
  readonly targetName: string;
  /** URN for a provider, the LA name for an LA. */
  readonly target: string;
  readonly localAuthority: string;
  readonly region: string;
  readonly publishedAt: string;
  readonly publishedOn: string;
  readonly visitDates: string;
  readonly method: string;
  /** Who and where: URN, type, sector, places, LA, region. */
  readonly details: readonly ReportFact[];
  readonly seriousConcerns: { readonly raised: boolean; readonly description?: string; readonly enforcementAction?: string };
  readonly goingWell: readonly string[];
  readonly needsToImprove: readonly string[];
  /** Narrative sections in reading order (children's experiences, pandemic decisions, schools). */
  readonly narrative: readonly ReportSection[];
  readonly commissioners: {
    readonly previousInspection: readonly ReportFact[];
    readonly recentConcerns: readonly { readonly type: string; readonly date: string; readonly summary?: string }[];
    readonly places: string;
    readonly notes: readonly string[];
  };
  /** The local authority's own previous inspection (ILACS), the LA themes behind a provider visit. */
  readonly laContext: readonly ReportFact[];
  readonly amendmentNote?: string;
}

export interface ReportInputs {
  readonly visit: Visit;
  readonly findings: FindingsVersion;
  readonly provider?: Provider;
  readonly laOutcome?: LaOutcome;
  readonly recentConcerns: readonly { type: SignalType | string; date: string; summary?: string }[];
  readonly publishedAt: string;
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

const signalLabel = (t: string): string => SIGNAL_LABELS[t as IntelligenceSignal['type']] ?? t;

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
  const facts: ReportFact[] = [{ label: 'URN', value: visit.target }];
  if (p) {
    facts.push({ label: 'Type of provision', value: p.provisionType });
    facts.push({ label: 'Sector', value: p.sector });
    facts.push({ label: 'Places', value: p.places === undefined ? 'Not published' : String(p.places) });
    if (p.registrationDate) facts.push({ label: 'Registered', value: ukDate(p.registrationDate) });
    if (p.owner) facts.push({ label: 'Registered owner', value: p.owner });
  } else if (visit.provisionType) {
    facts.push({ label: 'Type of provision', value: visit.provisionType });
  }
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
  if (!la || !la.inspectionDate || !la.overall) return [{ label: `Previous inspection of ${name} children's services`, value: 'Not yet inspected under the current framework' }];
  const facts: ReportFact[] = [
    { label: `Previous inspection of ${name} children's services`, value: ukDate(la.inspectionDate) },
    { label: 'Overall effectiveness at that inspection', value: GRADE_LABELS[la.overall] },
  ];
  if (la.leadersImpact) facts.push({ label: 'Impact of leaders', value: GRADE_LABELS[la.leadersImpact] });
  if (la.helpAndProtection) facts.push({ label: 'Children who need help and protection', value: GRADE_LABELS[la.helpAndProtection] });
  if (la.childrenInCare) facts.push({ label: 'Children in care', value: GRADE_LABELS[la.childrenInCare] });
  if (la.careLeavers) facts.push({ label: 'Care leavers', value: GRADE_LABELS[la.careLeavers] });
  if (la.areaForPriorityAction) facts.push({ label: 'Area for priority action', value: 'Yes, named at that inspection' });
  return facts;
}

export function buildReportModel(input: ReportInputs): ReportModel {
  const { visit, findings: stored, provider, laOutcome } = input;
  const f = stored.findings;
  const targetName = provider ? providerDisplayName(provider) : visit.targetName;
  const isLa = visit.kind === 'la';
  const narrative: ReportSection[] = [
    { id: 'experiences', heading: "Children's experiences and progress", paragraphs: paragraphsOf(f.childrensExperiences) },
    { id: 'pandemic', heading: 'How decisions for children were made during the pandemic', paragraphs: paragraphsOf(f.pandemicDecisions) },
  ];
  if (isLa && f.schoolsJoinedUp) {
    narrative.push({ id: 'schools', heading: 'How schools and social care worked together while schools were closed', paragraphs: paragraphsOf(f.schoolsJoinedUp) });
  }
  const enforcement = !isLa && f.seriousConcerns && f.enforcementAction ? ENFORCEMENT_LABELS[f.enforcementAction] : undefined;
  return {
    title: isLa ? `Visit to ${visit.localAuthority} children's services` : `Visit to ${targetName}`,
    kind: visit.kind,
    visitId: visit.visitId,
    version: stored.version,
    targetName,
    target: visit.target,
    localAuthority: visit.localAuthority,
    region: visit.region,
    publishedAt: input.publishedAt,
    publishedOn: ukDate(input.publishedAt),
    visitDates: visitDates(f.visitStartDate, f.visitEndDate),
    method: METHOD_LABELS[f.method],
    details: isLa ? [{ label: 'Local authority', value: visit.localAuthority }, { label: 'Ofsted region', value: visit.region }] : providerDetails(provider, visit),
    seriousConcerns: { raised: f.seriousConcerns, description: f.seriousConcernsDescription, enforcementAction: enforcement },
    goingWell: f.goingWell,
    needsToImprove: f.needsToImprove,
    narrative,
    commissioners: {
      previousInspection: isLa ? laInspectionFacts(laOutcome, visit.localAuthority) : previousProviderInspection(provider),
      recentConcerns: input.recentConcerns.map((c) => ({ type: signalLabel(c.type), date: ukDate(c.date), summary: c.summary })),
      places: isLa ? 'Not applicable to a local authority' : provider?.places === undefined ? 'Not published' : String(provider.places),
      notes: paragraphsOf(f.notesForCommissioners),
    },
    laContext: isLa ? [] : laInspectionFacts(laOutcome, visit.localAuthority),
    amendmentNote: stored.version > 1 ? `This is version ${stored.version} of this report. It replaces the earlier versions.` : undefined,
  };
}

/** Lower-case letters, digits and hyphens only: safe in an S3 key and a URL path. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return s === '' ? 'unnamed' : s;
}

/** reports/{la}/{urn-or-la}/{visitId}/v{n}.html|.pdf: stable, so a repeat render overwrites the same object. */
export function reportKey(model: Pick<ReportModel, 'localAuthority' | 'target' | 'visitId'>, version: number, ext: 'html' | 'pdf'): string {
  return objectKeys.report({ laSlug: slug(model.localAuthority), targetSlug: slug(model.target), visitId: model.visitId, version, ext });
}

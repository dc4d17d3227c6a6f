/**
 * The columns of each kind of import file, by canonical field, with the names they go by across
 * Ofsted's releases. Headers are matched by name (case, spacing and punctuation ignored), never by
 * position, and the kind of a file is told from its header rows, never its file name.
 */
import type { ImportKind } from '../domain/types';

export interface ColumnSpec {
  /** The name shown in messages: the current published name. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
}

const PROVIDER_COLUMNS = {
  webLink: { name: 'Web link' },
  urn: { name: 'URN', required: true },
  linkedEducationUrn: { name: 'Linked education URN' },
  provisionType: { name: 'Provision type', required: true },
  registrationStatus: { name: 'Registration status' },
  name: { name: 'Name', aliases: ['Provider name', 'Setting name'], required: true },
  address1: { name: 'Address 1', aliases: ['Address line 1'] },
  address2: { name: 'Address 2', aliases: ['Address line 2'] },
  town: { name: 'Town' },
  county: { name: 'County' },
  postcode: { name: 'Postcode' },
  region: { name: 'Ofsted region', required: true },
  governmentOfficeRegion: { name: 'Government Office Region' },
  localAuthority: { name: 'Local authority', required: true },
  constituency: { name: 'Parliamentary constituency' },
  sector: { name: 'Sector' },
  places: { name: 'Places', aliases: ['Number of places', 'Maximum number of places'] },
  registrationDate: { name: 'Registration date' },
  owner: { name: 'Organisation which owns the provider', aliases: ['Owner'] },
  eventType: { name: 'Event type' },
  inspectionDate: { name: 'Inspection date', aliases: ['Latest full inspection date', 'Date of latest full inspection'] },
  publicationDate: { name: 'Publication date' },
  eventNumber: { name: 'Event number', aliases: ['Inspection number'] },
  overall: { name: 'Overall effectiveness', aliases: ['Overall experiences and progress of children and young people'] },
  outcomes: { name: 'Outcomes for children and young people' },
  qualityOfCare: { name: 'Quality of care' },
  safeguarding: { name: 'Safeguarding children and young people', aliases: ['How well children and young people are helped and protected'] },
  leadership: { name: 'Leadership and management', aliases: ['The effectiveness of leaders and managers'] },
} as const satisfies Record<string, ColumnSpec>;

const INSPECTION_COLUMNS = {
  ...PROVIDER_COLUMNS,
  name: { name: 'Name', aliases: ['Provider name', 'Setting name'] },
  provisionType: { name: 'Provision type' },
  region: { name: 'Ofsted region' },
  localAuthority: { name: 'Local authority' },
  inspectionDate: { name: 'Inspection date', required: true },
  eventType: { name: 'Event type', required: true },
} as const satisfies Record<string, ColumnSpec>;

const LA_OUTCOME_COLUMNS = {
  webLink: { name: 'Web link' },
  localAuthority: { name: 'Local authority name', aliases: ['Local authority', 'LA name'], required: true },
  region: { name: 'Ofsted region', required: true },
  inspectionDate: { name: 'Inspection date', required: true },
  publicationDate: { name: 'Publication date' },
  overall: { name: 'Overall effectiveness', required: true },
  leadersImpact: { name: 'The impact of leaders on social work practice with children and families' },
  helpAndProtection: { name: 'The experiences and progress of children who need help and protection' },
  childrenInCare: { name: 'The experiences and progress of children in care', aliases: ['The experiences and progress of children in care and care leavers'] },
  careLeavers: { name: 'The experiences and progress of care leavers' },
  areaForPriorityAction: { name: 'Area for priority action', aliases: ['Areas for priority action'] },
} as const satisfies Record<string, ColumnSpec>;

const INTELLIGENCE_COLUMNS = {
  signalId: { name: 'Signal ID', aliases: ['ID', 'Reference'] },
  date: { name: 'Date', aliases: ['Date received', 'Received'], required: true },
  urn: { name: 'URN' },
  localAuthority: { name: 'Local authority', aliases: ['Local authority name'] },
  type: { name: 'Type', aliases: ['Signal type', 'Category'], required: true },
  severity: { name: 'Severity' },
  status: { name: 'Status' },
  summary: { name: 'Summary', aliases: ['Description'] },
  source: { name: 'Source' },
} as const satisfies Record<string, ColumnSpec>;

const COMMISSIONER_COLUMNS = {
  name: { name: 'Name', required: true },
  email: { name: 'Email', aliases: ['Email address'], required: true },
  organisation: { name: 'Organisation', aliases: ['Organization', 'Council'] },
  localAuthorities: { name: 'Local authorities', aliases: ['Local authority', 'LAs'] },
  regions: { name: 'Regions', aliases: ['Region', 'Ofsted regions', 'Ofsted region'] },
  urns: { name: 'URNs', aliases: ['URN', 'Providers'] },
} as const satisfies Record<string, ColumnSpec>;

export const COLUMNS = {
  providers: PROVIDER_COLUMNS,
  inspections: INSPECTION_COLUMNS,
  'la-outcomes': LA_OUTCOME_COLUMNS,
  intelligence: INTELLIGENCE_COLUMNS,
  commissioners: COMMISSIONER_COLUMNS,
} as const satisfies Record<ImportKind, Record<string, ColumnSpec>>;

export type FieldOf<K extends ImportKind> = keyof (typeof COLUMNS)[K] & string;

/** Header matching ignores case, spacing and punctuation: "Ofsted Region" = "Ofsted region". */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface HeaderMap {
  /** Canonical field -> index of its column. */
  readonly index: ReadonlyMap<string, number>;
  /** Canonical field -> the column's name as written in the file (for messages). */
  readonly columnName: ReadonlyMap<string, string>;
  readonly missing: readonly ColumnSpec[];
}

export function mapHeader(kind: ImportKind, header: readonly string[]): HeaderMap {
  const spec: Record<string, ColumnSpec> = COLUMNS[kind];
  const position = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normaliseHeader(h);
    if (n && !position.has(n)) position.set(n, i);
  });
  const index = new Map<string, number>();
  const columnName = new Map<string, string>();
  const missing: ColumnSpec[] = [];
  for (const [field, col] of Object.entries(spec)) {
    const names = [col.name, ...(col.aliases ?? [])].map(normaliseHeader);
    const found = names.map((n) => position.get(n)).find((i) => i !== undefined);
    if (found !== undefined) {
      index.set(field, found);
      columnName.set(field, header[found]!.trim());
    } else {
      columnName.set(field, col.name);
      if (col.required) missing.push(col);
    }
  }
  return { index, columnName, missing };
}

/**
 * Which kind of file a header row (and the optional group row above it) describes: the kind whose
 * known column names the header matches most. A file missing some required columns is still
 * recognised, so the report can name what is missing.
 */
export function detectKind(header: readonly string[], groupRow: readonly string[] | undefined): ImportKind | undefined {
  const names = new Set(header.map(normaliseHeader).filter(Boolean));
  const group = (groupRow ?? []).map(normaliseHeader).join(' ');
  const score = (kind: ImportKind) =>
    Object.values(COLUMNS[kind] as Record<string, ColumnSpec>).filter((c) => [c.name, ...(c.aliases ?? [])].some((n) => names.has(normaliseHeader(n)))).length;
  const scores = (['commissioners', 'la-outcomes', 'intelligence', 'providers'] as const).map((k) => [k, score(k)] as const);
  // Distinctive columns settle it before counting.
  if (names.has('email') || names.has('email address')) return 'commissioners';
  if (names.has('local authority name') || names.has(normaliseHeader('The impact of leaders on social work practice with children and families'))) return 'la-outcomes';
  if (names.has('signal id') || names.has('severity') || names.has('signal type')) return 'intelligence';
  const best = [...scores].sort((a, b) => b[1] - a[1])[0]!;
  if (best[1] === 0) return undefined;
  if (best[0] === 'providers') {
    // Ofsted's in-year file groups its inspection columns under "Inspection information"; the
    // provider snapshot under "Latest Full Inspection" (later releases: "Latest full inspection date").
    if (group.includes('inspection information')) return 'inspections';
    return 'providers';
  }
  return best[0];
}

export function describeColumn(c: ColumnSpec): string {
  return c.aliases?.length ? `"${c.name}" (also accepted: ${c.aliases.map((a) => `"${a}"`).join(', ')})` : `"${c.name}"`;
}

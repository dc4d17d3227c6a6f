/**
 * One data row -> one domain entity, validated with zod. Every problem names its column and says
 * what was found and what is expected. Schemas are built once per kind, not per row.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { parseUkDate } from '../domain/dates';
import { ACCEPTED_GRADE_WORDS, ACCEPTED_OUTCOME_WORDS, parseGrade, parseOverall } from '../domain/grades';
import {
  OFSTED_REGIONS,
  SIGNAL_TYPES,
  type Commissioner,
  type ImportKind,
  type InspectionEvent,
  type IntelligenceSignal,
  type LaOutcome,
  type OfstedRegion,
  type Provider,
  type SignalType,
} from '../domain/types';
import { COLUMNS, type HeaderMap } from './columns';

export type ImportEntity =
  | { kind: 'provider'; provider: Provider }
  | { kind: 'inspection'; event: InspectionEvent }
  | { kind: 'la-outcome'; outcome: LaOutcome }
  | { kind: 'intelligence'; signal: IntelligenceSignal }
  | { kind: 'commissioner'; commissioner: Commissioner };

export type RowResult = { ok: true; entity: ImportEntity; key: string } | { ok: false; column?: string; reason: string };

// ---- Field schemas ----------------------------------------------------------------------------

const text = z.string().transform((s) => s.trim());
const optionalText = text.transform((s) => (s === '' ? undefined : s));
const requiredText = text.pipe(z.string().min(1, { error: 'is empty: every row needs a value here' }).max(500, { error: 'is longer than 500 characters' }));

const urn = text.pipe(
  z
    .string()
    .min(1, { error: 'is empty: every row needs the unique reference number (for example SC000673 or 1027076)' })
    .regex(/^[A-Za-z0-9]{1,20}$/, { error: 'must be letters and digits only (for example SC000673 or 1027076)' }),
);

function dateField(required: boolean) {
  return text.transform((s, ctx) => {
    if (s === '') {
      if (required) ctx.addIssue({ code: 'custom', message: 'is empty: write the date as dd/mm/yyyy, for example 24/06/2016' });
      return undefined;
    }
    const d = parseUkDate(s);
    if (!d) ctx.addIssue({ code: 'custom', message: `"${s}" is not a real date: write it as dd/mm/yyyy, for example 24/06/2016` });
    return d;
  });
}

const places = text.transform((s, ctx) => {
  if (s === '') return undefined;
  if (!/^-?\d+$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a whole number of places: write a number such as 4, or leave it blank` });
    return undefined;
  }
  const n = Number(s);
  if (n < 0) ctx.addIssue({ code: 'custom', message: `"${s}" is negative: places must be 0 or more` });
  return n;
});

const regionsByName = new Map(OFSTED_REGIONS.map((r) => [r.toLowerCase(), r]));
function regionOf(s: string, ctx: { addIssue: (i: { code: 'custom'; message: string }) => void }): OfstedRegion {
  const r = regionsByName.get(s.toLowerCase().replace(/\s+/g, ' '));
  if (!r) ctx.addIssue({ code: 'custom', message: `"${s}" is not an Ofsted region: use one of ${OFSTED_REGIONS.join('; ')}` });
  return r as OfstedRegion;
}
const region = text.transform((s, ctx) => regionOf(s, ctx));
const optionalRegion = text.transform((s, ctx) => (s === '' ? undefined : regionOf(s, ctx)));

const overall = text.transform((s, ctx) => {
  const o = parseOverall(s);
  if (!o) ctx.addIssue({ code: 'custom', message: `"${s}" is not a judgement we know: use one of ${ACCEPTED_OUTCOME_WORDS.join(', ')}, or leave it blank` });
  return o ?? { kind: 'none' as const };
});

const judgementWords = text.transform((s, ctx) => {
  if (s === '') return undefined;
  if (!parseOverall(s)) ctx.addIssue({ code: 'custom', message: `"${s}" is not a judgement we know: use one of ${ACCEPTED_OUTCOME_WORDS.join(', ')}, or leave it blank` });
  return s;
});

/** ILACS cells: a grade, "Not yet inspected", or blank. */
const laGrade = text.transform((s, ctx) => {
  if (s === '' || /^not yet inspected$/i.test(s)) return undefined;
  const g = parseGrade(s);
  if (!g) ctx.addIssue({ code: 'custom', message: `"${s}" is not a judgement we know: use one of ${ACCEPTED_GRADE_WORDS.join(', ')}, "Not yet inspected", or leave it blank` });
  return g;
});

const laDate = text.transform((s, ctx) => {
  if (s === '' || /^not yet inspected$/i.test(s)) return undefined;
  const d = parseUkDate(s);
  if (!d) ctx.addIssue({ code: 'custom', message: `"${s}" is not a real date: write it as dd/mm/yyyy, or "Not yet inspected"` });
  return d;
});

const yesNo = text.transform((s, ctx) => {
  const v = s.toLowerCase();
  if (v === '' || v === 'no' || v === 'n' || v === 'false') return false;
  if (v === 'yes' || v === 'y' || v === 'true') return true;
  ctx.addIssue({ code: 'custom', message: `"${s}" is not Yes or No` });
  return false;
});

const SIGNAL_ALIASES: Record<string, SignalType> = {};
const aliasList: Record<SignalType, string[]> = {
  complaint: ['complaint', 'complaints'],
  'serious-event': ['serious event', 'serious event notification', 'serious incident', 'regulation 40', 'reg 40', 'notification of serious event'],
  whistleblowing: ['whistleblowing', 'whistle blowing', 'whistleblower'],
  'safeguarding-concern': ['safeguarding', 'safeguarding concern'],
  'la-concern': ['la concern', 'local authority concern', 'concern raised by la', 'concern from la'],
  'manager-change': ['manager change', 'change of manager', 'management change', 'registered manager change'],
  'enforcement-action': ['enforcement', 'enforcement action'],
  'independent-report': ['independent report', 'regulation 44', 'reg 44', 'regulation 45', 'reg 45', 'regulation 44 report', 'regulation 45 report'],
  'independent-report-missing': ['regulation 44 report missing', 'regulation 45 report missing', 'missing regulation 44 report', 'missing regulation 45 report', 'independent report missing'],
  'independent-report-late': ['regulation 44 report late', 'regulation 45 report late', 'late regulation 44 report', 'late regulation 45 report', 'independent report late'],
  'independent-report-concern': ['regulation 44 report concern', 'regulation 45 report concern', 'regulation 44 concerns', 'regulation 45 concerns', 'independent report concern', 'independent report concerns'],
  'serious-concerns': ['serious concerns', 'serious concerns at a visit'],
};
for (const t of SIGNAL_TYPES) {
  SIGNAL_ALIASES[t] = t;
  SIGNAL_ALIASES[t.replace(/-/g, ' ')] = t;
  for (const a of aliasList[t]) SIGNAL_ALIASES[a] = t;
}
const signalType = text.transform((s, ctx) => {
  const t = SIGNAL_ALIASES[s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()];
  if (!t) ctx.addIssue({ code: 'custom', message: `"${s}" is not a type of signal we know: use one of ${SIGNAL_TYPES.join(', ')}` });
  return t as SignalType;
});

const severity = text.transform((s, ctx) => {
  const v = s.toLowerCase();
  if (v === '' || v === '1' || v === 'low') return 1 as const;
  if (v === '2' || v === 'medium') return 2 as const;
  if (v === '3' || v === 'high') return 3 as const;
  ctx.addIssue({ code: 'custom', message: `"${s}" is not a severity: use 1, 2 or 3 (or Low, Medium, High)` });
  return 1 as const;
});

const openClosed = text.transform((s, ctx) => {
  const v = s.toLowerCase();
  if (v === '' || v === 'open' || v === 'in force' || v === 'active') return true;
  if (v === 'closed' || v === 'lifted' || v === 'ended' || v === 'resolved') return false;
  ctx.addIssue({ code: 'custom', message: `"${s}" is not a status: use Open or Closed` });
  return true;
});

const email = text.pipe(z.string().min(1, { error: 'is empty: every commissioner needs an email address' }).regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/, { error: 'is not an email address' }));

/** Lists in one cell are separated by semicolons (LA names can contain commas: "Bristol, City of"). */
const list = text.transform((s) => s.split(';').map((x) => x.trim()).filter(Boolean));
const regionList = list.transform((items, ctx) => {
  const out: OfstedRegion[] = [];
  for (const i of items) {
    const r = regionsByName.get(i.toLowerCase());
    if (r) out.push(r);
    else ctx.addIssue({ code: 'custom', message: `"${i}" is not an Ofsted region: use one of ${OFSTED_REGIONS.join('; ')}` });
  }
  return out;
});

// ---- Row schemas ------------------------------------------------------------------------------

const optional = <T extends z.ZodType>(s: T) => s.optional();

const providerRow = z.object({
  urn,
  name: requiredText,
  provisionType: requiredText,
  registrationStatus: optional(optionalText),
  sector: optional(optionalText),
  places: optional(places),
  localAuthority: requiredText,
  region,
  linkedEducationUrn: optional(optionalText),
  address1: optional(optionalText),
  address2: optional(optionalText),
  town: optional(optionalText),
  county: optional(optionalText),
  postcode: optional(optionalText),
  constituency: optional(optionalText),
  registrationDate: optional(dateField(false)),
  owner: optional(optionalText),
  eventType: optional(optionalText),
  inspectionDate: optional(dateField(false)),
  publicationDate: optional(dateField(false)),
  eventNumber: optional(optionalText),
  overall: optional(overall),
  outcomes: optional(judgementWords),
  qualityOfCare: optional(judgementWords),
  safeguarding: optional(judgementWords),
  leadership: optional(judgementWords),
});

const inspectionRow = providerRow.extend({
  name: optional(optionalText),
  provisionType: optional(optionalText),
  localAuthority: optional(optionalText),
  region: optional(optionalRegion),
  inspectionDate: dateField(true),
  eventType: requiredText,
});

const laOutcomeRow = z.object({
  webLink: optional(optionalText),
  localAuthority: requiredText,
  region,
  inspectionDate: laDate,
  publicationDate: optional(laDate),
  overall: laGrade,
  leadersImpact: optional(laGrade),
  helpAndProtection: optional(laGrade),
  childrenInCare: optional(laGrade),
  careLeavers: optional(laGrade),
  areaForPriorityAction: optional(yesNo),
});

const intelligenceRow = z.object({
  signalId: optional(optionalText),
  date: dateField(true),
  urn: optional(text.transform((s) => (s === '' ? undefined : s)).pipe(z.string().regex(/^[A-Za-z0-9]{1,20}$/, { error: 'must be letters and digits only' }).optional())),
  localAuthority: optional(optionalText),
  type: signalType,
  severity: optional(severity),
  status: optional(openClosed),
  summary: optional(optionalText.pipe(z.string().max(2000, { error: 'is longer than 2,000 characters' }).optional())),
  source: optional(optionalText),
});

const commissionerRow = z.object({
  name: requiredText,
  email,
  organisation: optional(optionalText),
  localAuthorities: optional(list),
  regions: optional(regionList),
  urns: optional(list),
});

const SCHEMAS: Record<ImportKind, z.ZodType> = {
  providers: providerRow,
  inspections: inspectionRow,
  'la-outcomes': laOutcomeRow,
  intelligence: intelligenceRow,
  commissioners: commissionerRow,
};

type ProviderRow = z.infer<typeof providerRow>;

const JUDGEMENT_FIELDS = ['outcomes', 'qualityOfCare', 'safeguarding', 'leadership'] as const;

function judgements(row: Pick<ProviderRow, (typeof JUDGEMENT_FIELDS)[number]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of JUDGEMENT_FIELDS) {
    const v = row[f];
    if (v) out[COLUMNS.providers[f].name] = v;
  }
  return out;
}

const redacted = (v: string | undefined) => v !== undefined && v.toUpperCase() === 'REDACTED';

function toEntity(kind: ImportKind, row: Record<string, unknown>, snapshotId: string): { entity: ImportEntity; key: string } | { column: string; reason: string } {
  switch (kind) {
    case 'providers': {
      const r = row as ProviderRow;
      const hidden = [r.address1, r.address2, r.town, r.county, r.postcode].some(redacted);
      const keep = (v: string | undefined) => (hidden || redacted(v) ? undefined : v);
      const provider: Provider = {
        urn: r.urn,
        name: r.name,
        provisionType: r.provisionType,
        registrationStatus: r.registrationStatus ?? 'Active',
        sector: r.sector ?? 'Unknown',
        ...(r.places !== undefined ? { places: r.places } : {}),
        localAuthority: r.localAuthority,
        region: r.region,
        ...(r.linkedEducationUrn ? { linkedEducationUrn: r.linkedEducationUrn } : {}),
        address: { line1: keep(r.address1), line2: keep(r.address2), town: keep(r.town), county: keep(r.county), postcode: keep(r.postcode), redacted: hidden },
        ...(r.constituency ? { parliamentaryConstituency: r.constituency } : {}),
        ...(r.registrationDate ? { registrationDate: r.registrationDate } : {}),
        ...(r.owner ? { owner: r.owner } : {}),
        ...(r.inspectionDate
          ? {
              latestFullInspection: {
                urn: r.urn,
                eventNumber: r.eventNumber ?? `latest-${r.inspectionDate}`,
                eventType: r.eventType ?? 'Full inspection',
                inspectionDate: r.inspectionDate,
                ...(r.publicationDate ? { publicationDate: r.publicationDate } : {}),
                overall: r.overall ?? { kind: 'none' },
                judgements: judgements(r),
              },
            }
          : {}),
        status: 'open',
        snapshotId,
      };
      return { entity: { kind: 'provider', provider }, key: r.urn };
    }
    case 'inspections': {
      const r = row as z.infer<typeof inspectionRow>;
      const event: InspectionEvent = {
        urn: r.urn,
        eventNumber: r.eventNumber ?? `${r.inspectionDate}-${r.eventType.toLowerCase().replace(/[^a-z]+/g, '-')}`,
        eventType: r.eventType,
        inspectionDate: r.inspectionDate!,
        ...(r.publicationDate ? { publicationDate: r.publicationDate } : {}),
        overall: r.overall ?? { kind: 'none' },
        judgements: judgements(r),
      };
      return { entity: { kind: 'inspection', event }, key: `${r.urn} event ${event.eventNumber}` };
    }
    case 'la-outcomes': {
      const r = row as z.infer<typeof laOutcomeRow>;
      if (r.inspectionDate && !r.overall) return { column: COLUMNS['la-outcomes'].overall.name, reason: `is blank or "Not yet inspected" but the inspection date is ${r.inspectionDate}: give the overall judgement` };
      if (!r.inspectionDate && r.overall) return { column: COLUMNS['la-outcomes'].inspectionDate.name, reason: 'is blank or "Not yet inspected" but an overall judgement is given: give the inspection date' };
      const outcome: LaOutcome = {
        localAuthority: r.localAuthority,
        region: r.region,
        ...(r.webLink ? { webLink: r.webLink } : {}),
        ...(r.inspectionDate ? { inspectionDate: r.inspectionDate } : {}),
        ...(r.publicationDate ? { publicationDate: r.publicationDate } : {}),
        ...(r.overall ? { overall: r.overall } : {}),
        ...(r.leadersImpact ? { leadersImpact: r.leadersImpact } : {}),
        ...(r.helpAndProtection ? { helpAndProtection: r.helpAndProtection } : {}),
        ...(r.childrenInCare ? { childrenInCare: r.childrenInCare } : {}),
        ...(r.careLeavers ? { careLeavers: r.careLeavers } : {}),
        areaForPriorityAction: r.areaForPriorityAction ?? false,
      };
      return { entity: { kind: 'la-outcome', outcome }, key: r.localAuthority.toLowerCase() };
    }
    case 'intelligence': {
      const r = row as z.infer<typeof intelligenceRow>;
      if (!r.urn === !r.localAuthority) {
        return { column: COLUMNS.intelligence.urn.name, reason: r.urn ? 'and "Local authority" are both given: a signal is about one provider (URN) or one local authority, not both' : 'and "Local authority" are both empty: say which provider (URN) or local authority the signal is about' };
      }
      const signalId = r.signalId ?? `s-${createHash('sha256').update([r.date, r.urn ?? '', r.localAuthority ?? '', r.type, r.summary ?? ''].join('\u0000')).digest('hex').slice(0, 16)}`;
      const signal: IntelligenceSignal = {
        signalId,
        type: r.type,
        date: r.date!,
        ...(r.urn ? { urn: r.urn } : {}),
        ...(r.localAuthority ? { localAuthority: r.localAuthority } : {}),
        severity: r.severity ?? 1,
        open: r.status ?? true,
        ...(r.summary ? { summary: r.summary } : {}),
        ...(r.source ? { source: r.source } : {}),
      };
      return { entity: { kind: 'intelligence', signal }, key: signalId };
    }
    case 'commissioners': {
      const r = row as z.infer<typeof commissionerRow>;
      const c: Commissioner = {
        commissionerId: `c-${createHash('sha256').update(r.email.toLowerCase()).digest('hex').slice(0, 16)}`,
        name: r.name,
        email: r.email.toLowerCase(),
        ...(r.organisation ? { organisation: r.organisation } : {}),
        localAuthorities: r.localAuthorities ?? [],
        regions: r.regions ?? [],
        urns: r.urns ?? [],
      };
      if (c.localAuthorities.length + c.regions.length + c.urns.length === 0) {
        return { column: COLUMNS.commissioners.localAuthorities.name, reason: 'and "Regions" and "URNs" are all empty: say which local authorities, regions or providers this commissioner wants reports for' };
      }
      return { entity: { kind: 'commissioner', commissioner: c }, key: c.email };
    }
  }
}

/** Validate one data row of a file of the given kind. */
export function parseRow(kind: ImportKind, record: readonly string[], header: HeaderMap, snapshotId: string): RowResult {
  const raw: Record<string, string> = {};
  for (const [field, i] of header.index) raw[field] = record[i] ?? '';
  const parsed = SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0]!;
    const column = (f: PropertyKey | undefined) => header.columnName.get(String(f)) ?? String(f);
    const reason = issues.map((i, n) => (n === 0 ? i.message : `also "${column(i.path[0])}" ${i.message}`)).join('; ');
    return { ok: false, column: column(first.path[0]), reason: `"${column(first.path[0])}" ${reason}` };
  }
  const out = toEntity(kind, parsed.data as Record<string, unknown>, snapshotId);
  if ('column' in out) return { ok: false, column: out.column, reason: `"${out.column}" ${out.reason}` };
  return { ok: true, entity: out.entity, key: out.key };
}

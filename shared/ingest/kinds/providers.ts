/**
 * Ofsted's provider-level file ("Children's social care data in England: provider level data"), as
 * published: one row per active provider with its latest full inspection. A full snapshot: the
 * providers it leaves out are marked closed (see import-service.ts and its snapshot guard).
 */
import * as z from 'zod/mini';
import '../../zod-english';
import { onFirstUse } from '../../on-first-use';
import { ACCEPTED_OUTCOME_WORDS, parseOverall } from '../../domain/grades';
import type { Provider } from '../../domain/types';
import { keys } from '../../keys';
import { convert, date, optional, optionalText, region, requiredText, text, urn } from '../fields';
import { accept, defineKind, type TableItem } from '../kind-spec';

export const PROVIDER_COLUMNS = {
  webLink: { name: 'Web link' },
  urn: { name: 'URN', required: true },
  linkedEducationUrn: { name: 'Linked education URN' },
  provisionType: { name: 'Provision type', required: true, text: 'name' },
  registrationStatus: { name: 'Registration status', text: 'name' },
  name: { name: 'Name', aliases: ['Provider name', 'Setting name'], required: true, text: 'name' },
  address1: { name: 'Address 1', aliases: ['Address line 1'], text: 'name' },
  address2: { name: 'Address 2', aliases: ['Address line 2'], text: 'name' },
  town: { name: 'Town', text: 'name' },
  county: { name: 'County', text: 'name' },
  postcode: { name: 'Postcode', text: 'name' },
  region: { name: 'Ofsted region', required: true, text: 'name' },
  governmentOfficeRegion: { name: 'Government Office Region', text: 'name' },
  localAuthority: { name: 'Local authority', required: true, text: 'name' },
  constituency: { name: 'Parliamentary constituency', text: 'name' },
  sector: { name: 'Sector', text: 'name' },
  places: { name: 'Places', aliases: ['Number of places', 'Maximum number of places'] },
  registrationDate: { name: 'Registration date' },
  owner: { name: 'Organisation which owns the provider', aliases: ['Owner'], text: 'name' },
  eventType: { name: 'Event type', text: 'name' },
  inspectionDate: { name: 'Inspection date', aliases: ['Latest full inspection date', 'Date of latest full inspection'] },
  publicationDate: { name: 'Publication date' },
  eventNumber: { name: 'Event number', aliases: ['Inspection number'] },
  overall: { name: 'Overall effectiveness', aliases: ['Overall experiences and progress of children and young people'] },
  outcomes: { name: 'Outcomes for children and young people' },
  qualityOfCare: { name: 'Quality of care' },
  safeguarding: { name: 'Safeguarding children and young people', aliases: ['How well children and young people are helped and protected'] },
  leadership: { name: 'Leadership and management', aliases: ['The effectiveness of leaders and managers'] },
} as const;

const places = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      if (s === '') return undefined;
      if (!/^-?\d+$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `"${s}" is not a whole number of places: write a number such as 4, or leave it blank` });
        return undefined;
      }
      const n = Number(s);
      if (n < 0) ctx.addIssue({ code: 'custom', message: `"${s}" is negative: places must be 0 or more` });
      return n;
    }),
  ),
);

const notAJudgement = (s: string) => `"${s}" is not a judgement we know: use one of ${ACCEPTED_OUTCOME_WORDS.join(', ')}, or leave it blank`;

const overall = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      const o = parseOverall(s);
      if (!o) ctx.addIssue({ code: 'custom', message: notAJudgement(s) });
      return o ?? { kind: 'none' as const };
    }),
  ),
);

/** Sub-judgements are kept in the words published, once checked. */
const judgementWords = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      if (s === '') return undefined;
      if (!parseOverall(s)) ctx.addIssue({ code: 'custom', message: notAJudgement(s) });
      return s;
    }),
  ),
);

export const providerRow = onFirstUse(() =>
  z.object({
    urn: urn(),
    name: requiredText(),
    provisionType: requiredText(),
    registrationStatus: optional(optionalText()),
    sector: optional(optionalText()),
    places: optional(places()),
    localAuthority: requiredText(),
    region: region(),
    linkedEducationUrn: optional(optionalText()),
    address1: optional(optionalText()),
    address2: optional(optionalText()),
    town: optional(optionalText()),
    county: optional(optionalText()),
    postcode: optional(optionalText()),
    constituency: optional(optionalText()),
    registrationDate: optional(date()),
    owner: optional(optionalText()),
    eventType: optional(optionalText()),
    inspectionDate: optional(date()),
    publicationDate: optional(date()),
    eventNumber: optional(optionalText()),
    overall: optional(overall()),
    outcomes: optional(judgementWords()),
    qualityOfCare: optional(judgementWords()),
    safeguarding: optional(judgementWords()),
    leadership: optional(judgementWords()),
  }),
);

const JUDGEMENT_FIELDS = ['outcomes', 'qualityOfCare', 'safeguarding', 'leadership'] as const;

/** Sub-judgements by their published column name (e.g. "Leadership and management"). */
export function judgements(row: Partial<Record<(typeof JUDGEMENT_FIELDS)[number], string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of JUDGEMENT_FIELDS) {
    const v = row[f];
    if (v) out[PROVIDER_COLUMNS[f].name] = v;
  }
  return out;
}

const redacted = (v: string | undefined) => v !== undefined && v.toUpperCase() === 'REDACTED';

/** Children's homes' addresses are published as REDACTED: one redacted part hides them all. */
function address(r: z.output<ReturnType<typeof providerRow>>): Provider['address'] {
  const hidden = [r.address1, r.address2, r.town, r.county, r.postcode].some(redacted);
  const keep = (v: string | undefined) => (hidden || redacted(v) ? undefined : v);
  return { line1: keep(r.address1), line2: keep(r.address2), town: keep(r.town), county: keep(r.county), postcode: keep(r.postcode), redacted: hidden };
}

function latestFullInspection(r: z.output<ReturnType<typeof providerRow>>): Pick<Provider, 'latestFullInspection'> {
  if (!r.inspectionDate) return {};
  return {
    latestFullInspection: {
      urn: r.urn,
      eventNumber: r.eventNumber ?? `latest-${r.inspectionDate}`,
      eventType: r.eventType ?? 'Full inspection',
      inspectionDate: r.inspectionDate,
      ...(r.publicationDate ? { publicationDate: r.publicationDate } : {}),
      overall: r.overall ?? { kind: 'none' },
      judgements: judgements(r),
    },
  };
}

function toProvider(r: z.output<ReturnType<typeof providerRow>>, snapshotId: string): Provider {
  return {
    urn: r.urn,
    name: r.name,
    provisionType: r.provisionType,
    registrationStatus: r.registrationStatus ?? 'Active',
    sector: r.sector ?? 'Unknown',
    ...(r.places !== undefined ? { places: r.places } : {}),
    localAuthority: r.localAuthority,
    region: r.region,
    ...(r.linkedEducationUrn ? { linkedEducationUrn: r.linkedEducationUrn } : {}),
    address: address(r),
    ...(r.constituency ? { parliamentaryConstituency: r.constituency } : {}),
    ...(r.registrationDate ? { registrationDate: r.registrationDate } : {}),
    ...(r.owner ? { owner: r.owner } : {}),
    ...latestFullInspection(r),
    status: 'open',
    snapshotId,
  };
}

/** The profile (in the open providers index while open), and its latest full inspection as a history event. */
export function providerItems(p: Provider): TableItem[] {
  const openIndex = p.status === 'open' ? keys.openProvider(p.urn, p.snapshotId) : {};
  const items: TableItem[] = [{ ...keys.provider(p.urn), ...keys.providerByLa(p.localAuthority, p.urn), ...openIndex, entity: 'provider', ...p }];
  const last = p.latestFullInspection;
  if (last) items.push({ ...keys.inspection(p.urn, last.inspectionDate, last.eventNumber), entity: 'inspection', ...last });
  return items;
}

export const providers = defineKind({
  title: 'Ofsted provider data',
  columns: PROVIDER_COLUMNS,
  detection: {
    rank: 0,
    byColumnCount: true,
    recognisedBy:
      'the most columns of Ofsted\'s provider file ("URN", "Provision type", "Ofsted region", ...), with no "Inspection information" group row above them',
  },
  schema: providerRow,
  toEntity: (r, { snapshotId }) => accept(toProvider(r, snapshotId)),
  items: providerItems,
  duplicate: { key: (p) => p.urn, field: 'urn' },
});

/**
 * Typed reads of the table items prioritisation uses: each item is parsed (key attributes and
 * anything unknown dropped), so a malformed item fails with the field at fault instead of
 * travelling on as a wrong type.
 */
import * as z from 'zod/mini';
import { $ZodError } from 'zod/v4/core';
import '../zod-english';
import { onFirstUse } from '../on-first-use';
import {
  OFSTED_REGIONS,
  SIGNAL_TYPES,
  VISIT_STATUSES,
  type InspectionEvent,
  type IntelligenceSignal,
  type LaOutcome,
  type Provider,
  type Visit,
} from '../domain/types';
import type { FindingsSummary } from '../prioritise/follow-up';

const grade = onFirstUse(() => z.enum(['outstanding', 'good', 'requires-improvement', 'inadequate']));
const region = onFirstUse(() => z.enum(OFSTED_REGIONS));
const date = onFirstUse(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)));
const opt = <T extends z.ZodMiniType>(t: T) => z.optional(t);

const overall = onFirstUse(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('grade'), grade: grade(), words: z.string() }),
    z.object({ kind: z.literal('interim'), outcome: z.enum(['improved', 'sustained', 'declined']), words: z.string() }),
    z.object({ kind: z.literal('not-judged'), words: z.string() }),
    z.object({ kind: z.literal('none') }),
  ]),
);

const inspection = onFirstUse(
  () =>
    z.object({
      urn: z.string(),
      eventNumber: z.string(),
      eventType: z.string(),
      inspectionDate: date(),
      publicationDate: opt(date()),
      overall: overall(),
      judgements: z.record(z.string(), z.string()),
    }) satisfies z.ZodMiniType<InspectionEvent>,
);

const provider = onFirstUse(
  () =>
    z.object({
      urn: z.string(),
      name: z.string(),
      provisionType: z.string(),
      registrationStatus: z.string(),
      sector: z.string(),
      places: opt(z.number()),
      localAuthority: z.string(),
      region: region(),
      linkedEducationUrn: opt(z.string()),
      address: z.object({
        line1: opt(z.string()),
        line2: opt(z.string()),
        town: opt(z.string()),
        county: opt(z.string()),
        postcode: opt(z.string()),
        redacted: z.boolean(),
      }),
      parliamentaryConstituency: opt(z.string()),
      registrationDate: opt(date()),
      owner: opt(z.string()),
      latestFullInspection: opt(inspection()),
      status: z.enum(['open', 'closed']),
      snapshotId: z.string(),
    }) satisfies z.ZodMiniType<Provider>,
);

const laOutcome = onFirstUse(
  () =>
    z.object({
      localAuthority: z.string(),
      region: region(),
      webLink: opt(z.string()),
      inspectionDate: opt(date()),
      publicationDate: opt(date()),
      overall: opt(grade()),
      leadersImpact: opt(grade()),
      helpAndProtection: opt(grade()),
      childrenInCare: opt(grade()),
      careLeavers: opt(grade()),
      areaForPriorityAction: z.boolean(),
    }) satisfies z.ZodMiniType<LaOutcome>,
);

const signal = onFirstUse(
  () =>
    z.object({
      signalId: z.string(),
      type: z.enum(SIGNAL_TYPES),
      date: date(),
      urn: opt(z.string()),
      localAuthority: opt(z.string()),
      severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      open: z.boolean(),
      dueDate: opt(date()),
      summary: opt(z.string()),
      source: opt(z.string()),
    }) satisfies z.ZodMiniType<IntelligenceSignal>,
);

export const visitItem = onFirstUse(
  () =>
    z.object({
      visitId: z.string(),
      programmeId: z.string(),
      kind: z.enum(['provider', 'la']),
      target: z.string(),
      targetName: z.string(),
      provisionType: opt(z.string()),
      localAuthority: z.string(),
      region: region(),
      week: date(),
      noticeDate: date(),
      inspector: opt(z.string()),
      score: z.number(),
      reasons: z.array(z.string()),
      status: z.enum(VISIT_STATUSES),
      pool: opt(z.enum(['la', 'provider'])),
      unannounced: opt(z.boolean()),
      visitedOn: opt(date()),
      deferral: opt(z.object({ on: date(), until: date(), reason: z.string() })),
      cancellation: opt(z.object({ on: date(), reason: z.string() })),
      urgent: opt(z.boolean()),
    }) satisfies z.ZodMiniType<Visit>,
);

/** A findings item, projected to what prioritisation reads. */
const findingsItem = onFirstUse(() =>
  z.object({
    visitId: z.string(),
    version: z.number(),
    findings: z.object({ seriousConcerns: z.boolean(), visitEndDate: date() }),
  }),
);

export const itemParsers = {
  provider: (i: unknown): Provider => provider().parse(i),
  inspection: (i: unknown): InspectionEvent => inspection().parse(i),
  laOutcome: (i: unknown): LaOutcome => laOutcome().parse(i),
  signal: (i: unknown): IntelligenceSignal => signal().parse(i),
  visit: (i: unknown): Visit => visitItem().parse(i),
  findings: (i: unknown): FindingsSummary => {
    const f = findingsItem().parse(i);
    return { visitId: f.visitId, version: f.version, seriousConcerns: f.findings.seriousConcerns, visitEndDate: f.findings.visitEndDate };
  },
};

/** Parse every item, naming the entity and key of the first that does not fit. */
export function parseItems<T>(items: readonly Record<string, unknown>[], parse: (i: unknown) => T, what: string): T[] {
  return items.map((item) => {
    try {
      return parse(item);
    } catch (err) {
      const issue = err instanceof $ZodError ? err.issues[0] : undefined;
      throw new Error(
        `A stored ${what} (${String(item.pk)} / ${String(item.sk)}) does not have the expected shape: ${issue ? `${issue.path.join('.')}: ${issue.message}` : String(err)}`,
        { cause: err },
      );
    }
  });
}

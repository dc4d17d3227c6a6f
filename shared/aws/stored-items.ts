/**
 * Typed reads: the table items the publication side reads, parsed with zod into domain types (key
 * attributes and `entity` are dropped; unknown attributes are ignored). An item that does not parse
 * is a bug or a corrupted write: the error names the item and the field, never a silent cast.
 */
import * as z from 'zod/mini';
import '../zod-english';
import { onFirstUse } from '../on-first-use';
import {
  ENFORCEMENT_ACTIONS,
  OFSTED_REGIONS,
  SIGNAL_TYPES,
  VISIT_METHODS,
  VISIT_STATUSES,
  type Commissioner,
  type Contact,
  type IntelligenceSignal,
  type LaOutcome,
  type Provider,
  type Reviewer,
  type Visit,
} from '../domain/types';
import type { Findings, FindingsVersion } from '../findings/schema';
import { SUBMISSION_STATES, type SubmissionRecord } from '../findings/submission';
import { PUBLICATION_ACTIONS, PUBLICATION_STATES, type Publication } from '../publication/lifecycle';

const region = onFirstUse(() => z.enum(OFSTED_REGIONS));
/** Enforcement actions a publication records as taken: any but `none`. */
const ENFORCEMENT_TAKEN = ENFORCEMENT_ACTIONS.filter((a): a is Exclude<(typeof ENFORCEMENT_ACTIONS)[number], 'none'> => a !== 'none');
const grade = onFirstUse(() => z.enum(['outstanding', 'good', 'requires-improvement', 'inadequate']));
const str = onFirstUse(() => z.string());
const opt = onFirstUse(() => z.optional(z.string()));

export const visitItem = onFirstUse(
  () =>
    z.object({
      visitId: str(),
      programmeId: str(),
      kind: z.enum(['provider', 'la']),
      target: str(),
      targetName: str(),
      provisionType: opt(),
      localAuthority: str(),
      region: region(),
      week: str(),
      noticeDate: str(),
      inspector: opt(),
      score: z.number(),
      reasons: z.array(str()),
      status: z.enum(VISIT_STATUSES),
    }) satisfies z.ZodMiniType<Visit>,
);

const overall = onFirstUse(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('grade'), grade: grade(), words: str() }),
    z.object({ kind: z.literal('interim'), outcome: z.enum(['improved', 'sustained', 'declined']), words: str() }),
    z.object({ kind: z.literal('not-judged'), words: str() }),
    z.object({ kind: z.literal('none') }),
  ]),
);

export const providerItem = onFirstUse(
  () =>
    z.object({
      urn: str(),
      name: str(),
      provisionType: str(),
      registrationStatus: str(),
      sector: str(),
      places: z.optional(z.number()),
      localAuthority: str(),
      region: region(),
      linkedEducationUrn: opt(),
      address: z.object({ line1: opt(), line2: opt(), town: opt(), county: opt(), postcode: opt(), redacted: z.boolean() }),
      parliamentaryConstituency: opt(),
      registrationDate: opt(),
      owner: opt(),
      latestFullInspection: z.optional(
        z.object({
          urn: str(),
          eventNumber: str(),
          eventType: str(),
          inspectionDate: str(),
          publicationDate: opt(),
          overall: overall(),
          judgements: z.record(str(), str()),
        }),
      ),
      status: z.enum(['open', 'closed']),
      snapshotId: str(),
    }) satisfies z.ZodMiniType<Provider>,
);

export const laOutcomeItem = onFirstUse(
  () =>
    z.object({
      localAuthority: str(),
      region: region(),
      webLink: opt(),
      inspectionDate: opt(),
      publicationDate: opt(),
      overall: z.optional(grade()),
      leadersImpact: z.optional(grade()),
      helpAndProtection: z.optional(grade()),
      childrenInCare: z.optional(grade()),
      careLeavers: z.optional(grade()),
      areaForPriorityAction: z.boolean(),
    }) satisfies z.ZodMiniType<LaOutcome>,
);

export const signalItem = onFirstUse(
  () =>
    z.object({
      signalId: str(),
      type: z.enum(SIGNAL_TYPES),
      date: str(),
      urn: opt(),
      localAuthority: opt(),
      severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      open: z.boolean(),
      dueDate: opt(),
      summary: opt(),
      source: opt(),
    }) satisfies z.ZodMiniType<IntelligenceSignal>,
);

export const commissionerItem = onFirstUse(
  () =>
    z.object({
      commissionerId: str(),
      name: str(),
      email: str(),
      organisation: opt(),
      localAuthorities: z.array(str()),
      regions: z.array(region()),
      urns: z.array(str()),
    }) satisfies z.ZodMiniType<Commissioner>,
);

export const contactItem = onFirstUse(
  () => z.object({ contactId: str(), name: str(), email: str(), urn: opt(), localAuthority: opt(), role: opt() }) satisfies z.ZodMiniType<Contact>,
);
export const reviewerItem = onFirstUse(
  () => z.object({ reviewerId: str(), name: str(), email: str(), regions: z.array(region()) }) satisfies z.ZodMiniType<Reviewer>,
);

/**
 * Stored findings, read for their shape only: they passed the rules of the day they were stored,
 * and rules (a length limit, say) may change after. Versions stored before requirements and
 * recommendations existed read as having none.
 */
const storedFindings = onFirstUse(
  () =>
    z.object({
      schemaVersion: z.literal(1),
      visitId: str(),
      visitStartDate: str(),
      visitEndDate: str(),
      method: z.enum(VISIT_METHODS),
      childrensExperiences: str(),
      pandemicDecisions: str(),
      schoolsJoinedUp: opt(),
      goingWell: z.array(str()),
      needsToImprove: z.array(str()),
      requirements: z._default(z.array(z.object({ text: str(), regulation: opt(), dueDate: str() })), []),
      recommendations: z._default(z.array(str()), []),
      seriousConcerns: z.boolean(),
      seriousConcernsDescription: opt(),
      enforcementAction: z.optional(z.enum(ENFORCEMENT_ACTIONS)),
      notesForCommissioners: opt(),
    }) satisfies z.ZodMiniType<Findings, unknown>,
);

export const findingsVersionItem = onFirstUse(
  () =>
    z.object({
      visitId: str(),
      version: z.int().check(z.positive()),
      submissionId: str(),
      inspector: str(),
      receivedAt: str(),
      s3Key: str(),
      objectVersion: opt(),
      contentHash: opt(),
      madeBy: opt(),
      findings: storedFindings(),
    }) satisfies z.ZodMiniType<FindingsVersion, unknown>,
);

export const submissionItem = onFirstUse(
  () =>
    z.object({
      visitId: str(),
      submissionId: str(),
      state: z.enum(SUBMISSION_STATES),
      inspector: opt(),
      issuedAt: opt(),
      reasons: z.optional(z.array(str())),
      version: z.optional(z.number()),
      objectVersion: opt(),
    }) satisfies z.ZodMiniType<SubmissionRecord>,
);

export const publicationItem = onFirstUse(
  () =>
    z.object({
      visitId: str(),
      state: z.enum(PUBLICATION_STATES),
      version: z.int(),
      seq: z.int(),
      history: z.array(
        z.object({
          seq: z.int(),
          state: z.enum(PUBLICATION_STATES),
          action: z.enum(PUBLICATION_ACTIONS),
          at: str(),
          by: str(),
          reason: opt(),
          version: z.int(),
          ref: opt(),
          accepted: z.optional(z.boolean()),
        }),
      ),
      reviewer: opt(),
      returnComments: opt(),
      factualAccuracy: z.optional(z.object({ opensOn: str(), closesOn: str(), contacts: z.array(str()) })),
      openComments: z.int(),
      publishOn: opt(),
      edition: z.int(),
      publishedAt: opt(),
      enforcementTaken: z.array(z.object({ action: z.enum(ENFORCEMENT_TAKEN), date: str() })),
    }) satisfies z.ZodMiniType<Publication>,
);

/** A schema built on first use (shared/on-first-use.ts). */
export type ItemSchema<T> = () => z.ZodMiniType<T, unknown>;

/** Parse one item, or say which item and which field is wrong. */
export function parseItem<T>(schema: ItemSchema<T>, item: Record<string, unknown>, what: string): T {
  const parsed = schema().safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = (v: unknown) => (typeof v === 'string' ? v : '?');
  throw new Error(
    `Stored ${what} ${key(item.pk)}/${key(item.sk)} does not read as expected: ${issue?.path.join('.') || '(item)'}: ${issue?.message ?? 'invalid'}`,
  );
}

export function parseOptional<T>(schema: ItemSchema<T>, item: Record<string, unknown> | undefined, what: string): T | undefined {
  return item === undefined ? undefined : parseItem(schema, item, what);
}

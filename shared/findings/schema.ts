/**
 * The findings an inspector submits for one visit. The same schema validates in the browser
 * (bundled into the form page) and in the ingest Lambda, so an inspector sees the same messages
 * the backend would give. Visits are never graded: there is deliberately no grade field, and
 * unknown keys are refused so one cannot be smuggled in.
 *
 * Each field is either published (it goes into the public report) or restricted (commissioners
 * only, in the briefing): `FIELD_AUDIENCE` says which, and the form's hints, the two documents
 * and the tests all read it from there.
 */
import * as z from 'zod/mini';
import { textProblem } from '../domain/text';
import { ENFORCEMENT_ACTIONS, VISIT_METHODS } from '../domain/types';
import '../zod-english';
import { onFirstUse } from '../on-first-use';

const isoDate = onFirstUse(() =>
  z.string({ error: 'Enter a date' }).check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter a real date in the format YYYY-MM-DD' }),
    z.refine((s: string) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      error: 'Enter a real date',
    }),
  ),
);

/** Free text: trimmed, not empty, bounded, and passing the one free-text check (shared/domain/text.ts). */
const text = (what: string, max: number) =>
  z.string({ error: `Enter ${what}` }).check(
    z.trim(),
    z.minLength(1, { error: `Enter ${what}` }),
    z.maxLength(max, { error: `${capitalise(what)} must be ${max} characters or fewer` }),
    z.superRefine((s: string, ctx) => {
      const problem = textProblem(s, 'free');
      if (problem) ctx.addIssue({ code: 'custom', message: `${capitalise(what)} ${problem.message}` });
    }),
  );

/** A requirement: what must be done, under which regulation (when one applies), and by when. */
export const requirementSchema = onFirstUse(() =>
  z.strictObject({
    text: text('the requirement', 2_000),
    regulation: z.optional(text('the regulation', 200)),
    dueDate: isoDate(),
  }),
);
export type Requirement = z.infer<ReturnType<typeof requirementSchema>>;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const FINDINGS_SCHEMA_VERSION = 1;

export const findingsSchema = onFirstUse(() =>
  z
    .strictObject({
      schemaVersion: z.literal(FINDINGS_SCHEMA_VERSION, { error: `schemaVersion must be ${FINDINGS_SCHEMA_VERSION}` }),
      visitId: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9-]+$/, { error: 'visitId must be letters, digits and hyphens' })),
      visitStartDate: isoDate(),
      visitEndDate: isoDate(),
      method: z.enum(VISIT_METHODS, { error: 'Select how the visit was done' }),
      childrensExperiences: text("children's experiences and progress", 10_000),
      pandemicDecisions: text('how decisions for children were made in the pandemic', 10_000),
      /** LA visits only: how schools and social care were joined up while schools were closed. */
      schoolsJoinedUp: z.optional(text('how schools and social care were joined up', 10_000)),
      goingWell: z
        .array(text('what is going well', 2_000), { error: 'Enter what is going well' })
        .check(
          z.minLength(1, { error: 'Enter at least one thing that is going well' }),
          z.maxLength(30, { error: 'Enter 30 or fewer things that are going well' }),
        ),
      needsToImprove: z
        .array(text('what needs to improve', 2_000), { error: 'Enter what needs to improve' })
        .check(z.maxLength(30, { error: 'Enter 30 or fewer things that need to improve' })),
      requirements: z._default(
        z.array(requirementSchema(), { error: 'Enter the requirements as a list' }).check(z.maxLength(30, { error: 'Enter 30 or fewer requirements' })),
        [],
      ),
      recommendations: z._default(
        z
          .array(text('the recommendation', 2_000), { error: 'Enter the recommendations as a list' })
          .check(z.maxLength(30, { error: 'Enter 30 or fewer recommendations' })),
        [],
      ),
      seriousConcerns: z.boolean({ error: 'Select yes if there are serious concerns' }),
      seriousConcernsDescription: z.optional(text('a description of the serious concerns', 10_000)),
      enforcementAction: z.optional(z.enum(ENFORCEMENT_ACTIONS, { error: 'Select the enforcement action considered' })),
      notesForCommissioners: z.optional(text('notes for commissioners', 5_000)),
    })
    .check(
      z.superRefine((f, ctx) => {
        if (f.visitEndDate < f.visitStartDate) {
          ctx.addIssue({ code: 'custom', path: ['visitEndDate'], message: 'The last day of the visit must be the same as or after the first day' });
        }
        if (f.seriousConcerns && !f.seriousConcernsDescription) {
          ctx.addIssue({ code: 'custom', path: ['seriousConcernsDescription'], message: 'Describe the serious concerns' });
        }
        if (!f.seriousConcerns && f.seriousConcernsDescription) {
          ctx.addIssue({ code: 'custom', path: ['seriousConcernsDescription'], message: 'Only describe serious concerns when you answer yes' });
        }
        if (!f.seriousConcerns && f.enforcementAction && f.enforcementAction !== 'none') {
          ctx.addIssue({ code: 'custom', path: ['enforcementAction'], message: 'Only choose an enforcement action when there are serious concerns' });
        }
        f.requirements.forEach((r, i) => {
          if (r.dueDate < f.visitEndDate)
            ctx.addIssue({ code: 'custom', path: ['requirements', i, 'dueDate'], message: 'The due date must be on or after the last day of the visit' });
        });
      }),
    ),
);

export type Findings = z.infer<ReturnType<typeof findingsSchema>>;
/** What the form and an upload send: requirements and recommendations may be left out. */
export type FindingsInput = z.input<ReturnType<typeof findingsSchema>>;

/** Where the findings are checked: the kind of visit, and the dates a visit of it can have taken place on. */
export interface FindingsContext {
  readonly kind: 'provider' | 'la';
  /** Earliest and latest visit date accepted (ISO), from the visit's programme year (see visitDateRange). */
  readonly visitDates: { readonly earliest: string; readonly latest: string };
}

/**
 * The dates a visit's findings may give: within the programme year of its planned week (from
 * 1 January of the year the week starts in to 31 December of the year it ends in) and not after
 * today, since findings describe a visit that has happened.
 */
export function visitDateRange(week: string, today: string): { earliest: string; latest: string } {
  const weekEnd = new Date(Date.parse(`${week}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const endOfYear = `${weekEnd.slice(0, 4)}-12-31`;
  return { earliest: `${week.slice(0, 4)}-01-01`, latest: endOfYear < today ? endOfYear : today };
}

/** Context-dependent rules: LA visits ask about schools; enforcement and requirements apply to regulated services only. */
export function findingsRulesFor(context: FindingsContext, f: Findings): { path: string; message: string }[] {
  const { kind, visitDates } = context;
  const problems: { path: string; message: string }[] = [];
  if (kind === 'la' && !f.schoolsJoinedUp) problems.push({ path: 'schoolsJoinedUp', message: 'Enter how schools and social care were joined up' });
  if (kind === 'provider' && f.schoolsJoinedUp) problems.push({ path: 'schoolsJoinedUp', message: 'Only answer about schools for a local authority visit' });
  if (kind === 'la' && f.enforcementAction && f.enforcementAction !== 'none')
    problems.push({ path: 'enforcementAction', message: 'Enforcement action applies only to regulated services, not local authorities' });
  if (kind === 'provider' && f.seriousConcerns && !f.enforcementAction)
    problems.push({ path: 'enforcementAction', message: 'Select the enforcement action considered' });
  if (kind === 'la' && f.requirements.length)
    problems.push({ path: 'requirements', message: 'Requirements apply only to regulated services: write them for a local authority as recommendations' });
  for (const [path, date] of [
    ['visitStartDate', f.visitStartDate],
    ['visitEndDate', f.visitEndDate],
  ] as const) {
    const label = path === 'visitStartDate' ? 'first' : 'last';
    if (date < visitDates.earliest)
      problems.push({ path, message: `The ${label} day of the visit must be on or after ${ukDay(visitDates.earliest)}, in this visit's programme year` });
    else if (date > visitDates.latest)
      problems.push({
        path,
        message: `The ${label} day of the visit must be on or before ${ukDay(visitDates.latest)}: findings are for a visit that has taken place`,
      });
  }
  return problems;
}

const ukDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Who reads each answer: `published` goes into the public report; `restricted` only into the commissioners' briefing. */
export type Audience = 'published' | 'restricted';
export const FIELD_AUDIENCE = {
  visitStartDate: 'published',
  visitEndDate: 'published',
  method: 'published',
  childrensExperiences: 'published',
  pandemicDecisions: 'published',
  schoolsJoinedUp: 'published',
  goingWell: 'published',
  needsToImprove: 'published',
  requirements: 'published',
  recommendations: 'published',
  // Serious concerns found on a visit are themselves intelligence: commissioners only.
  seriousConcerns: 'restricted',
  seriousConcernsDescription: 'restricted',
  // Enforcement merely considered is never public (enforcement taken is, from the reviewer or the signals).
  enforcementAction: 'restricted',
  notesForCommissioners: 'restricted',
} as const satisfies Record<Exclude<keyof Findings, 'schemaVersion' | 'visitId'>, Audience>;

/** The words a form hint uses for each audience. */
export const AUDIENCE_HINTS: Record<Audience, string> = {
  published: 'Published in the public report.',
  restricted: 'Restricted: commissioners only. Never published.',
};

/** A stored version of a visit's findings. */
export interface FindingsVersion {
  readonly visitId: string;
  readonly version: number;
  readonly submissionId: string;
  readonly inspector: string;
  readonly receivedAt: string;
  readonly s3Key: string;
  /** The S3 object version read (or its ETag where the store keeps no versions). */
  readonly objectVersion?: string;
  /** SHA-256 of the findings in canonical form: identical content is a repeat, not a new version. */
  readonly contentHash?: string;
  /** Set when the version was made by someone other than the inspector (a reviewer accepting a comment, ops amending). */
  readonly madeBy?: string;
  readonly findings: Findings;
}

/** Human labels, in the users' words, used by the form, the reports and the emails. */
export const ENFORCEMENT_LABELS: Record<(typeof ENFORCEMENT_ACTIONS)[number], string> = {
  none: 'No enforcement action',
  'compliance-notice': 'Compliance notice',
  'restriction-of-accommodation': 'Restriction of accommodation notice',
  suspension: 'Suspension of registration',
  cancellation: 'Cancellation of registration',
  'conditions-on-registration': 'Conditions imposed on registration',
  prosecution: 'Prosecution',
};

export const METHOD_LABELS: Record<(typeof VISIT_METHODS)[number], string> = {
  'on-site': 'On site',
  remote: 'Remote',
  blended: 'Blended (on site and remote)',
};

/**
 * The findings an inspector submits for one visit. The same schema validates in the browser
 * (bundled into the form page) and in the ingest Lambda, so an inspector sees the same messages
 * the backend would give. Visits are never graded: there is deliberately no grade field, and
 * unknown keys are refused so one cannot be smuggled in.
 */
import * as z from 'zod';
import { ENFORCEMENT_ACTIONS, VISIT_METHODS } from '../domain/types';

const isoDate = z
  .string({ error: 'Enter a date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter a real date in the format YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'Enter a real date',
  });

/** Free text: trimmed, not empty, bounded, and without control characters other than newlines and tabs. */
const text = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}` })
    .max(max, { error: `${capitalise(what)} must be ${max} characters or fewer` })
    // eslint-disable-next-line no-control-regex -- the control characters are what this pattern refuses
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { error: `${capitalise(what)} must not contain control characters` });

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const FINDINGS_SCHEMA_VERSION = 1;

export const findingsSchema = z
  .strictObject({
    schemaVersion: z.literal(FINDINGS_SCHEMA_VERSION, { error: `schemaVersion must be ${FINDINGS_SCHEMA_VERSION}` }),
    visitId: z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, { error: 'visitId must be letters, digits and hyphens' }),
    visitStartDate: isoDate,
    visitEndDate: isoDate,
    method: z.enum(VISIT_METHODS, { error: 'Select how the visit was done' }),
    childrensExperiences: text("children's experiences and progress", 10_000),
    pandemicDecisions: text('how decisions for children were made in the pandemic', 10_000),
    /** LA visits only: how schools and social care were joined up while schools were closed. */
    schoolsJoinedUp: text('how schools and social care were joined up', 10_000).optional(),
    goingWell: z
      .array(text('what is going well', 2_000), { error: 'Enter what is going well' })
      .min(1, { error: 'Enter at least one thing that is going well' })
      .max(30, { error: 'Enter 30 or fewer things that are going well' }),
    needsToImprove: z
      .array(text('what needs to improve', 2_000), { error: 'Enter what needs to improve' })
      .max(30, { error: 'Enter 30 or fewer things that need to improve' }),
    seriousConcerns: z.boolean({ error: 'Select yes if there are serious concerns' }),
    seriousConcernsDescription: text('a description of the serious concerns', 10_000).optional(),
    enforcementAction: z.enum(ENFORCEMENT_ACTIONS, { error: 'Select the enforcement action considered' }).optional(),
    notesForCommissioners: text('notes for commissioners', 5_000).optional(),
  })
  .superRefine((f, ctx) => {
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
  });

export type Findings = z.infer<typeof findingsSchema>;

/** Context-dependent rules: LA visits ask about schools; enforcement applies to regulated services only. */
export function findingsRulesFor(kind: 'provider' | 'la', f: Findings): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (kind === 'la' && !f.schoolsJoinedUp) problems.push({ path: 'schoolsJoinedUp', message: 'Enter how schools and social care were joined up' });
  if (kind === 'provider' && f.schoolsJoinedUp) problems.push({ path: 'schoolsJoinedUp', message: 'Only answer about schools for a local authority visit' });
  if (kind === 'la' && f.enforcementAction && f.enforcementAction !== 'none')
    problems.push({ path: 'enforcementAction', message: 'Enforcement action applies only to regulated services, not local authorities' });
  if (kind === 'provider' && f.seriousConcerns && !f.enforcementAction)
    problems.push({ path: 'enforcementAction', message: 'Select the enforcement action considered' });
  return problems;
}

/** A stored version of a visit's findings. */
export interface FindingsVersion {
  readonly visitId: string;
  readonly version: number;
  readonly submissionId: string;
  readonly inspector: string;
  readonly receivedAt: string;
  readonly s3Key: string;
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

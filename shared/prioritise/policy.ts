/**
 * The prioritisation policy: a versioned JSON document. Every number the scoring and the
 * programme use comes from here, so planners can change them without a deploy and the
 * transparency record can say exactly what was in force. A bad policy is refused with every
 * problem listed.
 */
import * as z from 'zod';
import { parseUkDate } from '../domain/dates';
import { OFSTED_REGIONS, SIGNAL_TYPES } from '../domain/types';
import defaults from './default-policy.json' with { type: 'json' };

const isoDate = z.string().refine((s) => parseUkDate(s) === s, { error: 'must be a real date written as YYYY-MM-DD' });
const points = z.number().finite().min(-100).max(1000);
const nonNegative = z.number().finite().min(0);

const regionRecord = <T extends z.ZodType>(value: T) =>
  z.strictObject(Object.fromEntries(OFSTED_REGIONS.map((r) => [r, value])) as Record<(typeof OFSTED_REGIONS)[number], T>);

export const policySchema = z
  .strictObject({
    version: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, { error: 'must be letters, digits, dots, hyphens or underscores' }),
    description: z.string().max(2000).optional(),
    weights: z.strictObject({
      lastGrade: z.strictObject({ inadequate: points, 'requires-improvement': points, good: points, outstanding: points }),
      declined: points,
      improved: points,
      perMonthSinceFullInspection: nonNegative.max(100),
      maxForTimeSinceInspection: nonNegative.max(1000),
      neverInspected: points,
      newlyRegistered: points,
      newlyRegisteredMonths: z.number().int().min(0).max(120),
      signals: z.strictObject(Object.fromEntries(SIGNAL_TYPES.map((t) => [t, points])) as Record<(typeof SIGNAL_TYPES)[number], typeof points>),
      signalHalfLifeDays: z.number().positive().max(3650),
      referencePlaces: z.number().positive().max(1000),
      openEnforcement: points,
      provisionTypeRisk: z.record(z.string().min(1), points),
      perPlace: nonNegative.max(100),
      maxForPlaces: nonNegative.max(1000),
    }),
    window: z.strictObject({ startDate: isoDate, weeks: z.number().int().min(1).max(52) }),
    capacity: regionRecord(nonNegative.max(10_000)),
    effort: z.strictObject({
      default: z.number().positive().max(100),
      la: z.number().positive().max(100),
      byProvisionType: z.record(z.string().min(1), z.number().positive().max(100)),
    }),
    minimumProviderScore: z.number().finite().min(0).max(10_000),
    laSample: z.strictObject({ share: z.number().min(0).max(1), seed: z.number().int().min(0).max(2 ** 31 - 1) }),
    burden: z.strictObject({ minDaysBetweenVisits: z.number().int().min(0).max(3650), noticeDays: z.number().int().min(0).max(60) }),
    pausedAreas: z
      .array(z.strictObject({ localAuthority: z.string().min(1).max(200), from: isoDate, to: isoDate, reason: z.string().min(1).max(300) }))
      .max(500),
    fullInspectionsPausedUntil: z.strictObject({ la: isoDate, providers: isoDate }),
    /** Publication of findings (shared/publication): absent in policies written before it, hence the defaults. */
    publication: z
      .strictObject({
        /** Working days the provider or LA has to comment on the draft report. */
        factualAccuracyWorkingDays: z.number().int().min(1).max(30),
        /** Working days from the factual accuracy window closing to the publication date. */
        publishWorkingDaysAfterWindow: z.number().int().min(0).max(30),
      })
      .default({ factualAccuracyWorkingDays: 5, publishWorkingDaysAfterWindow: 1 }),
  })
  .superRefine((p, ctx) => {
    p.pausedAreas.forEach((a, i) => {
      if (a.to < a.from) ctx.addIssue({ code: 'custom', path: ['pausedAreas', i, 'to'], message: `ends (${a.to}) before it starts (${a.from})` });
    });
    if (new Date(`${p.window.startDate}T00:00:00Z`).getUTCDay() !== 1) {
      ctx.addIssue({ code: 'custom', path: ['window', 'startDate'], message: 'must be a Monday (the first week of the window)' });
    }
  });

export type Policy = z.infer<typeof policySchema>;

function describePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(the document)';
}

/** Validate a policy document, listing every problem with its path. */
export function parsePolicy(json: unknown): { ok: true; policy: Policy } | { ok: false; problems: string[] } {
  const parsed = policySchema.safeParse(json);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${describePath(i.path)}: ${i.message}`) };
}

/** The shipped defaults (shared/prioritise/default-policy.json). */
export function defaultPolicy(): Policy {
  const parsed = parsePolicy(defaults);
  if (!parsed.ok) throw new Error(`The shipped default policy is invalid: ${parsed.problems.join('; ')}`);
  return parsed.policy;
}

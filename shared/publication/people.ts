/**
 * Who reviews a visit's findings: a reviewer imported for the visit's region (the `reviewers`
 * import kind), or else the mailbox configuration names for the region, or else its default
 * (environment REVIEWER_MAILBOXES, from the CDK context value `reviewerMailboxes`). Pure.
 */
import * as z from 'zod/mini';
import '../zod-english';
import { OFSTED_REGIONS, type OfstedRegion, type Reviewer } from '../domain/types';
import { canonicalEmail, emailAddressProblem } from '../domain/email-address';

export interface ReviewerMailboxes {
  readonly default?: string;
  readonly regions: Partial<Record<OfstedRegion, string>>;
}

const address = z.string().check(
  z.superRefine((s: string, ctx) => {
    const problem = emailAddressProblem(s.trim());
    if (problem) ctx.addIssue({ code: 'custom', message: `the address ${problem}` });
  }),
);
const schema = z.strictObject({ default: z.optional(address), regions: z._default(z.partialRecord(z.enum(OFSTED_REGIONS), address), {}) });

/** Read the configuration; a bad value is refused with what is wrong, so a deploy cannot quietly lose reviews. */
export function parseReviewerMailboxes(json: string | undefined): ReviewerMailboxes {
  if (!json?.trim()) return { regions: {} };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('REVIEWER_MAILBOXES is not JSON: give {"default": "reviews@...", "regions": {"North West": "nw.reviews@..."}}');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`REVIEWER_MAILBOXES: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The reviewer's address for a region: the first imported reviewer (by address, so the choice is stable), or the configuration's. */
export function reviewerFor(region: OfstedRegion, imported: readonly Reviewer[], configured: ReviewerMailboxes): string | undefined {
  const own = imported
    .filter((r) => r.regions.includes(region))
    .map((r) => canonicalEmail(r.email))
    .sort();
  const chosen = own[0] ?? configured.regions[region] ?? configured.default;
  return chosen === undefined ? undefined : canonicalEmail(chosen);
}

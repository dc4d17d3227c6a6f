/**
 * The notify queue's contract: one message per email to send, each saying what it is about and to
 * whom. The publication worker queues them; the notify function sends them (at most once each,
 * whatever the queue redelivers). Parsed with zod on the way in: a message of another shape is
 * reported, never guessed at.
 */
import * as z from 'zod/mini';
import '../zod-english';

const visitId = z.string().check(z.minLength(1), z.maxLength(64));
const email = z.string().check(z.minLength(3), z.maxLength(254));

export const notifyMessageSchema = z.discriminatedUnion('kind', [
  /** A report at publication, to a commissioner whose subscription covers it: link, briefing link, briefing attached. */
  z.object({ kind: z.literal('report'), visitId, edition: z.int().check(z.positive()), commissionerId: z.string().check(z.minLength(1)) }),
  /** Told to everyone who was emailed the report. */
  z.object({ kind: z.literal('amended'), visitId, edition: z.int().check(z.positive()), email, commissionerId: z.optional(z.string()) }),
  z.object({ kind: z.literal('withdrawn'), visitId, edition: z.int().check(z.positive()), email, commissionerId: z.optional(z.string()) }),
  /** Findings to review, to the assigned reviewer. */
  z.object({ kind: z.literal('review'), visitId, version: z.int().check(z.positive()), email }),
  /** Findings returned with comments, to the inspector. */
  z.object({ kind: z.literal('returned'), visitId, seq: z.int().check(z.positive()), email }),
  /** A factual accuracy comment to answer, to the reviewer (the report waits until every comment is answered). */
  z.object({ kind: z.literal('comment'), visitId, seq: z.int().check(z.positive()), email }),
  /** The draft for a factual accuracy check, to a provider or LA contact. */
  z.object({ kind: z.literal('factual'), visitId, version: z.int().check(z.positive()), email }),
]);

export type NotifyMessage = z.infer<typeof notifyMessageSchema>;

export function parseNotifyMessage(body: string): NotifyMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`A notify message is not JSON: ${body.slice(0, 100)}`);
  }
  const parsed = notifyMessageSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`A notify message is not one we send: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** What `npm run visit -- defer|cancel` print: one JSON object with --json, or a sentence or two. */
import { controlLocalCloud } from '../../infra/local/cloud';
import { dateOf } from '../../shared/domain/calendar';
import type { LifecycleOutcome } from '../../shared/prioritise/lifecycle';
import { CliError } from '../lib/cli';

/** Today on the local cloud's clock (npm start -- --today sets it). */
export async function localToday(web: string): Promise<string> {
  return dateOf((await controlLocalCloud<{ now: string }>(web, 'clock', {})).now);
}

/** Print the outcome; a refusal is a CliError (exit 1, its message and nothing else). */
export function reportLifecycle(outcome: LifecycleOutcome, json: boolean, done: string): number {
  if (!outcome.ok) throw new CliError(outcome.problem);
  const v = outcome.visit;
  if (json) {
    console.log(
      JSON.stringify({
        visitId: v.visitId,
        target: v.target,
        targetName: v.targetName,
        status: v.status,
        previousStatus: outcome.previousStatus,
        week: v.week,
        ...(v.deferral ? { deferral: v.deferral } : {}),
        ...(v.cancellation ? { cancellation: v.cancellation } : {}),
        next: outcome.next,
      }),
    );
  } else {
    console.log(`${done}: visit ${v.visitId} to ${v.targetName} (was ${outcome.previousStatus}, week of ${v.week}).`);
    console.log(outcome.next);
  }
  return 0;
}

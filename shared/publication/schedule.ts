/**
 * The daily publication schedule: close the factual accuracy windows that have ended (when every
 * comment is answered) and publish what is ready on its date. Reads only what is due (an index
 * sorted by date). Running it twice the same day changes nothing more.
 */
import { dateOf } from '../domain/calendar';
import { scheduledCommand, type Publication } from './lifecycle';
import type { PublicationPorts } from './ports';
import { act } from './publication-service';

export interface ScheduleOutcome {
  readonly closed: string[];
  readonly published: string[];
  /** Due but not yet possible (comments still to answer), with why. */
  readonly waiting: { visitId: string; why: string }[];
}

export async function runPublicationSchedule(
  ports: PublicationPorts & { listDue(today: string): Promise<Publication[]> },
  now: Date,
): Promise<ScheduleOutcome> {
  const today = dateOf(now);
  const out: ScheduleOutcome = { closed: [], published: [], waiting: [] };
  for (const due of await ports.listDue(today)) {
    // A window that closes today may make the report ready to publish today: go on while there is something to do.
    for (let step = 0; step < 2; step++) {
      const current = step === 0 ? due : await ports.getPublication(due.visitId);
      const command = current && scheduledCommand(current, today);
      if (!command) {
        if (step === 0 && current?.state === 'factual-accuracy' && current.openComments > 0)
          out.waiting.push({ visitId: due.visitId, why: `${current.openComments} comment(s) to answer` });
        break;
      }
      const result = await act(ports, due.visitId, command);
      if (result.outcome === 'refused') {
        out.waiting.push({ visitId: due.visitId, why: result.reason });
        break;
      }
      if (result.outcome === 'changed') (command.action === 'close-window' ? out.closed : out.published).push(due.visitId);
    }
  }
  return out;
}

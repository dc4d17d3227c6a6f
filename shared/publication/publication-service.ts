/**
 * Changing a publication: read it, decide (lifecycle.ts), write it conditionally with whatever goes
 * with the change, and announce it. Someone else's change landing first is not an error: read
 * again and decide again (a few times, then give up loudly). A repeat is announced again, so a
 * change whose announcement was lost (a crash between the write and the event) still has its
 * effects; every effect is idempotent.
 */
import { decide, type HistoryEntry, type Publication, type PublicationCommand } from './lifecycle';
import type { PublicationPorts, WithPublication } from './ports';

export type ActResult =
  | { readonly outcome: 'changed'; readonly publication: Publication; readonly entry: HistoryEntry }
  | { readonly outcome: 'repeat'; readonly publication: Publication }
  | { readonly outcome: 'refused'; readonly reason: string };

const ATTEMPTS = 5;

export class PublicationBusyError extends Error {
  constructor(visitId: string) {
    super(`Visit ${visitId}'s publication kept changing while this change was being made (${ATTEMPTS} attempts): try again`);
    this.name = 'PublicationBusyError';
  }
}

/**
 * Apply one command to a visit's publication. `extras` says what else to write with the change,
 * given the publication it makes (a findings version, a comment, the visit's status ...).
 */
export async function act(
  ports: PublicationPorts,
  visitId: string,
  command: PublicationCommand,
  extras: (next: Publication, entry: HistoryEntry) => readonly WithPublication[] = () => [],
): Promise<ActResult> {
  const settings = await ports.settings();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await ports.getPublication(visitId);
    const decision = decide(current, command, settings);
    if (decision.outcome === 'refused') return decision;
    if (decision.outcome === 'repeat') {
      await ports.announce({ visitId, seq: decision.publication.seq, action: decision.publication.history.at(-1)?.action ?? command.action });
      return decision;
    }
    const next = { ...decision.publication, visitId };
    const saved = await ports.savePublication(next, current?.seq ?? 0, extras(next, decision.entry));
    if (saved === 'saved') {
      await ports.announce({ visitId, seq: decision.entry.seq, action: decision.entry.action });
      return { outcome: 'changed', publication: next, entry: decision.entry };
    }
  }
  throw new PublicationBusyError(visitId);
}

/**
 * The snapshot guard: a provider file is a full snapshot, so one that leaves out many open
 * providers (a partial file) or one older than the latest applied (uploaded out of order) would
 * close providers that are still open. Such a snapshot is held until someone confirms it:
 * - too many closures: its rows are written (the providers it lists are updated and open), but
 *   nothing it leaves out is closed;
 * - older than the latest applied: nothing is written at all.
 * Confirming runs the same upload again with the guard lifted (idempotent: rows are upserts and
 * closing is conditional). Pure: the numbers come in as arguments.
 */
import { parseUkDate } from '../domain/dates';
import type { HeldSnapshot } from './report';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "31 March 2018" -> 2018-03-31. */
function longDate(text: string): string | undefined {
  const m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})\b/i.exec(text);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) + 1 : 0;
  return m && month > 0 ? parseUkDate(`${m[1]}/${month}/${m[3]}`) : undefined;
}

/** The date a file name gives: `providers-as-at-2018-03-31.csv`, `providers_20180331.csv`, `providers 31-03-2018.csv`. */
export function snapshotDateFromName(fileName: string): string | undefined {
  const iso = /(?:^|\D)(\d{4})[-_]?(\d{2})[-_]?(\d{2})(?:\D|$)/.exec(fileName);
  const fromIso = iso ? parseUkDate(`${iso[1]}-${iso[2]}-${iso[3]}`) : undefined;
  if (fromIso) return fromIso;
  const uk = /(?:^|\D)(\d{2})[-_.](\d{2})[-_.](\d{4})(?:\D|$)/.exec(fileName);
  return uk ? parseUkDate(`${uk[1]}/${uk[2]}/${uk[3]}`) : undefined;
}

/** The date a row above the header gives: "Providers as at 31 March 2018", "As at: 31/03/2018". */
export function snapshotDateFromRow(cells: readonly string[]): string | undefined {
  const text = cells.join(' ');
  const m = /\bas\s+at\b:?\s*(.*)$/i.exec(text);
  if (!m) return undefined;
  const rest = m[1]!.trim();
  const numeric = /^(\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})/.exec(rest);
  return numeric ? parseUkDate(numeric[1]!) : longDate(rest);
}

export interface ClosureCount {
  /** Open providers the snapshot leaves out. */
  readonly wouldClose: number;
  /** Open providers once its rows are written: the ones it lists and the ones it leaves out. */
  readonly openProviders: number;
}

export interface GuardPolicy {
  /** The policy's imports.maxClosureShare: the largest share of open providers one snapshot may close. */
  readonly maxClosureShare: number;
  /** The upload was confirmed (the CLI's --confirm-closures, or a confirmation object): no guard. */
  readonly confirmed: boolean;
  /** The key of the confirmation object that applies this upload, for the report's instructions. */
  readonly confirmationKey: string;
}

function confirmText(guard: GuardPolicy): string {
  return `run \`npm run import -- FILE --confirm-closures\` with the same file, or (in AWS) put an empty object at ${guard.confirmationKey} in the imports bucket to apply this upload.`;
}

/** Held for its closures, or undefined when it may close them. */
export function closuresHold(count: ClosureCount, guard: GuardPolicy): HeldSnapshot | undefined {
  if (guard.confirmed || count.wouldClose <= guard.maxClosureShare * count.openProviders) return undefined;
  return {
    reason: 'closures',
    wouldClose: count.wouldClose,
    openProviders: count.openProviders,
    maxClosureShare: guard.maxClosureShare,
    confirm: confirmText(guard),
  };
}

/** Held for being older than the latest snapshot applied, or undefined when either date is unknown. */
export function olderHold(asAt: string | undefined, latestAsAt: string | undefined, guard: GuardPolicy): HeldSnapshot | undefined {
  if (guard.confirmed || !asAt || !latestAsAt || asAt >= latestAsAt) return undefined;
  return { reason: 'older', latestAsAt, confirm: confirmText(guard) };
}

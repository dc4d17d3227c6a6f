/**
 * Triage: a signal (or serious concerns recorded at a visit) that lifts a target's score to the
 * policy's urgency threshold or over it opens a triage record, and a visit is planned in a week
 * starting within N working days of that signal, displacing the lowest-priority visits that are
 * not fixed (the programme's changes list them, with `displacedBy`). Stateless: a record is open while the signal that opened it is within the last N
 * working days, so the same inputs always give the same records; by then its visit is fixed.
 */
import { createHash } from 'node:crypto';
import { addWorkingDays, type Holidays } from '../domain/calendar';
import { ukDate } from '../domain/dates';
import type { IntelligenceSignal, IsoDate, OfstedRegion, PoolId, TargetKind } from '../domain/types';
import { SIGNAL_LABELS, type Policy } from './policy';

export interface TriageTrigger {
  /** The day the signal that crossed the threshold was received. */
  readonly openedOn: IsoDate;
  /** The visit's week must start on or before this day. */
  readonly dueBy: IsoDate;
  readonly scoreBefore: number;
  readonly score: number;
  readonly because: string[];
}

export type TriageOutcome = 'planned' | 'already-fixed' | 'planned-late' | 'no-slot';

export interface TriageRecord extends TriageTrigger {
  readonly triageId: string;
  readonly kind: TargetKind;
  readonly target: string;
  readonly targetName: string;
  readonly region: OfstedRegion;
  readonly pool: PoolId;
  readonly outcome: TriageOutcome;
  readonly visitId?: string;
  readonly week?: IsoDate;
  /** For no-slot and planned-late: why no week in time could be found. */
  readonly why?: string;
}

/** A triage outcome that means no visit in time: counted by the TriageNoSlot metric. */
export const isNoSlot = (r: Pick<TriageRecord, 'outcome' | 'week' | 'dueBy'>): boolean =>
  r.outcome === 'no-slot' || r.outcome === 'planned-late' || (r.outcome === 'already-fixed' && (r.week ?? '') > r.dueBy);

export function triageId(kind: TargetKind, target: string, openedOn: IsoDate): string {
  return `t-${createHash('sha256').update(`${kind}\u0000${target}\u0000${openedOn}`).digest('hex').slice(0, 12)}`;
}

/**
 * Did a recent signal lift this target over the threshold? `signals` are the target's, sorted by
 * date; `scoreWith` scores the target as of the as-of date with only the given signals.
 */
export function triageTrigger(
  signals: readonly IntelligenceSignal[],
  score: number,
  scoreWith: (signals: readonly IntelligenceSignal[]) => number,
  asOf: IsoDate,
  policy: Policy,
  holidays: Holidays,
  /** Signals after this day are recent (triageLookback). */
  recentFrom: IsoDate = triageLookback(asOf, policy, holidays),
): TriageTrigger | undefined {
  const { urgencyThreshold: threshold, withinWorkingDays: n } = policy.triage;
  if (score < threshold) return undefined;
  const last = signals[signals.length - 1];
  if (!last || last.date <= recentFrom) return undefined;
  const known = signals.filter((s) => s.date <= asOf);
  const recent = known.filter((s) => s.date > recentFrom);
  if (!recent.length) return undefined;
  // Without the recent signals the score would still be over the threshold: no triage (and no need to score again).
  if (score - recentPointsAtMost(recent, policy) >= threshold) return undefined;
  const scoreBefore = scoreWith(known.filter((s) => s.date <= recentFrom));
  if (scoreBefore >= threshold) return undefined;
  const dates = [...new Set(known.filter((s) => s.date > recentFrom).map((s) => s.date))].sort();
  const openedOn = dates.find((d) => scoreWith(known.filter((s) => s.date <= d)) >= threshold) ?? dates[dates.length - 1]!;
  const because = known.filter((s) => s.date > recentFrom && s.date <= openedOn).map(signalWords);
  return { openedOn, dueBy: addWorkingDays(openedOn, n, holidays), scoreBefore, score, because };
}

/**
 * The most the recent signals can add to a score: each at its weight and severity, at most doubled
 * for a small setting and rounded up, and the open-enforcement points if one of them is open.
 */
function recentPointsAtMost(recent: readonly IntelligenceSignal[], policy: Policy): number {
  const w = policy.weights;
  let points = 0;
  for (const s of recent) points += Math.abs(w.signals[s.type]) * s.severity * 2 + 1;
  if (recent.some((s) => s.type === 'enforcement-action' && s.open)) points += Math.abs(w.openEnforcement);
  return points;
}

/** Signals received after this day are recent enough to open a triage record: the last N working days. */
export function triageLookback(asOf: IsoDate, policy: Policy, holidays: Holidays): IsoDate {
  return addWorkingDays(asOf, -policy.triage.withinWorkingDays, holidays);
}

function signalWords(s: IntelligenceSignal): string {
  return `${SIGNAL_LABELS[s.type]}, severity ${s.severity}, received ${ukDate(s.date)}`;
}

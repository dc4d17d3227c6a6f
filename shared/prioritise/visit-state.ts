/**
 * Where each stored visit stands on the as-of date: what is fixed (never moved or dropped by a
 * re-plan), what is open to re-planning, and each target's visiting history (for the minimum gap
 * between visits and for follow-ups).
 *
 * Fixed: in progress, with findings or published, notified, or planned with its notice date
 * reached (for unannounced visits: the inspector told), or planned in a past week.
 */
import { ukDate } from '../domain/dates';
import { mondayOf } from '../domain/calendar';
import type { Cancellation, IsoDate, TargetKind, Visit, VisitStatus } from '../domain/types';

export const targetKey = (v: { kind: TargetKind; target: string }): string => `${v.kind}:${v.target}`;

const HAPPENED: ReadonlySet<VisitStatus> = new Set(['findings-received', 'published']);
/** Statuses a re-plan may take up again: planned (not yet fixed), deferred, dropped. */
const REUSABLE: ReadonlySet<VisitStatus> = new Set(['planned', 'deferred', 'dropped']);

/** Why a visit is fixed on the as-of date, or undefined when a re-plan may move it. */
export function fixedBecause(v: Visit, asOf: IsoDate): string | undefined {
  switch (v.status) {
    case 'findings-received':
      return 'Findings received';
    case 'published':
      return 'Report published';
    case 'in-progress':
      return 'In progress';
    case 'notified':
      return v.unannounced ? `Inspector told (${ukDate(v.noticeDate)})` : `Notified (${ukDate(v.noticeDate)})`;
    case 'planned':
      if (v.noticeDate <= asOf) return v.unannounced ? `Inspector told (${ukDate(v.noticeDate)})` : `Notified (${ukDate(v.noticeDate)})`;
      if (v.week < mondayOf(asOf)) return 'Past week';
      return undefined;
    default:
      return undefined;
  }
}

export interface FixedVisit {
  readonly visit: Visit;
  readonly because: string;
}

export interface VisitState {
  readonly fixed: readonly FixedVisit[];
  /** Per target: the visit a re-plan plans again (planned and not fixed, deferred, or dropped). */
  readonly reusable: ReadonlyMap<string, Visit>;
  /** Per target: the date of its latest visit that happened or is fixed in a past week. */
  readonly lastVisited: ReadonlyMap<string, IsoDate>;
  /** Targets with a fixed visit still to come (one visit at a time), and that visit. */
  readonly upcoming: ReadonlyMap<string, Visit>;
  readonly cancelled: ReadonlyMap<string, Cancellation>;
  /** How many visits each target has on record (for new visit ids). */
  readonly count: ReadonlyMap<string, number>;
  readonly ids: ReadonlySet<string>;
}

const visitDate = (v: Visit): IsoDate => v.visitedOn ?? v.week;

export function visitState(visits: readonly Visit[], asOf: IsoDate): VisitState {
  const fixed: FixedVisit[] = [];
  const reusable = new Map<string, Visit>();
  const lastVisited = new Map<string, IsoDate>();
  const upcoming = new Map<string, Visit>();
  const cancelled = new Map<string, Cancellation>();
  const count = new Map<string, number>();
  const thisWeek = mondayOf(asOf);
  for (const v of [...visits].sort((a, b) => (a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0))) {
    const key = targetKey(v);
    count.set(key, (count.get(key) ?? 0) + 1);
    const because = fixedBecause(v, asOf);
    if (because) {
      fixed.push({ visit: v, because });
      const past = HAPPENED.has(v.status) || v.week < thisWeek;
      if (past && (lastVisited.get(key) ?? '') < visitDate(v)) lastVisited.set(key, visitDate(v));
      if (!past && (upcoming.get(key)?.week ?? '9999') > v.week) upcoming.set(key, v);
      continue;
    }
    if (v.status === 'cancelled' && v.cancellation) {
      if ((cancelled.get(key)?.on ?? '') < v.cancellation.on) cancelled.set(key, v.cancellation);
      continue;
    }
    if (!REUSABLE.has(v.status)) continue;
    const held = reusable.get(key);
    // A planned visit wins over a deferred one, which wins over a dropped one.
    if (!held || rank(v.status) < rank(held.status)) reusable.set(key, v);
  }
  return { fixed, reusable, lastVisited, upcoming, cancelled, count, ids: new Set(visits.map((v) => v.visitId)) };
}

const rank = (s: VisitStatus) => (s === 'planned' ? 0 : s === 'deferred' ? 1 : 2);

/** Has the target had a visit (happened, or fixed in the past) after this date? */
export function visitedAfter(state: VisitState, key: string, date: IsoDate): boolean {
  return (state.lastVisited.get(key) ?? '') > date;
}

/**
 * The weeks each pool of inspectors works in, their capacity, and notice. A pool's week has its
 * policy capacity scaled by its working days (bank holidays off) and less its named leave. Notice
 * is counted in working days back from the week's Monday; an unannounced visit's "notice" is the
 * day the inspector is told. Pure: holidays come from the policy and the shipped GOV.UK list.
 */
import { addDays, addWorkingDays, holidaySet, mondayOf, shippedBankHolidays, workingDaysInWeek, type Holidays } from '../domain/calendar';
import { ukDate } from '../domain/dates';
import type { IsoDate, OfstedRegion, PoolId, TargetKind } from '../domain/types';
import type { Policy } from './policy';

export const POOL_IDS: readonly PoolId[] = ['la', 'provider'];

export const poolOf = (kind: TargetKind): PoolId => (kind === 'la' ? 'la' : 'provider');

export interface Calendar {
  readonly holidays: Holidays;
  readonly holidayTitles: ReadonlyMap<IsoDate, string>;
}

/** England and Wales bank holidays (GOV.UK) plus the policy's extra ones. */
export function policyCalendar(policy: Policy): Calendar {
  const all = [...shippedBankHolidays(), ...policy.calendar.extraBankHolidays];
  return { holidays: holidaySet(all), holidayTitles: new Map(all.map((h) => [h.date, h.title])) };
}

/** The Mondays of a pool's window, first to last. */
export function poolWeeks(policy: Policy, pool: PoolId): IsoDate[] {
  const { from, to } = policy.pools[pool].window;
  const weeks: IsoDate[] = [];
  for (let w = from; w <= mondayOf(to); w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

export interface WeekCapacity {
  readonly capacity: number;
  /** Held back for triage and follow-ups (the pool's reservedForUrgent share). */
  readonly reserved: number;
  /** Why it is less than the policy's weekly figure (bank holidays, leave), if it is. */
  readonly note?: string;
}

/** Capacity of one pool, region and week: whole effort units, less bank holidays and leave. */
export function weekCapacity(policy: Policy, pool: PoolId, region: OfstedRegion, week: IsoDate, calendar: Calendar): WeekCapacity {
  const base = policy.pools[pool].capacity[region];
  const days = workingDaysInWeek(week, calendar.holidays);
  const leave = policy.pools[pool].leave.filter((l) => l.week === week && (!l.regions || l.regions.includes(region)));
  const leaveShare = Math.min(
    1,
    leave.reduce((s, l) => s + l.share, 0),
  );
  const notes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const title = calendar.holidayTitles.get(addDays(week, i));
    if (title) notes.push(`${title} (${ukDate(addDays(week, i))})`);
  }
  for (const l of leave) notes.push(`${l.reason}${l.share < 1 ? ` (${Math.round(l.share * 100)}% of inspectors)` : ''}`);
  const capacity = Math.floor((base * days * (1 - leaveShare)) / 5 + 1e-9);
  const reserved = Math.floor(capacity * policy.pools[pool].reservedForUrgent + 1e-9);
  return notes.length ? { capacity, reserved, note: notes.join('; ') } : { capacity, reserved };
}

/** Effort of one visit, in effort units (policy.effort). */
export function effortOf(policy: Policy, v: { kind: TargetKind; provisionType?: string }): number {
  return v.kind === 'la' ? policy.effort.la : ((v.provisionType ? policy.effort.byProvisionType[v.provisionType] : undefined) ?? policy.effort.default);
}

export interface NoticeRule {
  readonly unannounced: boolean;
  /** Working days before the week: notice to the LA or provider, or (unannounced) the inspector told. */
  readonly workingDays: number;
}

export function noticeRule(policy: Policy, kind: TargetKind, provisionType: string | undefined): NoticeRule {
  const n = policy.notice;
  if (kind === 'la') return { unannounced: false, workingDays: n.localAuthorityWorkingDays };
  if (provisionType && n.unannounced.includes(provisionType)) return { unannounced: true, workingDays: n.inspectorToldWorkingDays };
  return { unannounced: false, workingDays: (provisionType ? n.byProvisionType[provisionType] : undefined) ?? n.defaultWorkingDays };
}

/** Notice dates by week and working days, computed once each. */
export class NoticeDates {
  private readonly cache = new Map<string, IsoDate>();
  constructor(private readonly holidays: Holidays) {}
  nextWorkingDayAfter(date: IsoDate): IsoDate {
    return addWorkingDays(date, 1, this.holidays);
  }
  of(week: IsoDate, workingDays: number): IsoDate {
    const key = `${week}#${workingDays}`;
    let d = this.cache.get(key);
    if (d === undefined) {
      d = workingDays === 0 ? week : addWorkingDays(week, -workingDays, this.holidays);
      this.cache.set(key, d);
    }
    return d;
  }
}

/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`, UTC), and working days: Monday to Friday less
 * England and Wales bank holidays. Notice periods, factual accuracy windows, triage deadlines and
 * follow-up checks are all counted in working days. Pure: the holidays come in as an argument
 * (the policy carries them; `shippedBankHolidays()` is the list from GOV.UK shipped with the code).
 */
import shipped from './bank-holidays.england-and-wales.json' with { type: 'json' };
import type { IsoDate } from './types';

const DAY = 86_400_000;

const ms = (iso: IsoDate): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const iso = (t: number): IsoDate => new Date(t).toISOString().slice(0, 10);

/** The date `n` calendar days after (or, negative, before) `date`. */
export function addDays(date: IsoDate, n: number): IsoDate {
  return iso(ms(date) + n * DAY);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((ms(to) - ms(from)) / DAY);
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekDay(date: IsoDate): number {
  return ((new Date(ms(date)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week `date` falls in (a programme week is named by its Monday). */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekDay(date));
}

/** Today's date in UTC, from an instant. */
export function dateOf(instant: Date | string): IsoDate {
  return (typeof instant === 'string' ? new Date(instant) : instant).toISOString().slice(0, 10);
}

export interface BankHoliday {
  readonly date: IsoDate;
  readonly title: string;
}

/** Bank holidays as a set of dates, for working-day counting. */
export type Holidays = ReadonlySet<IsoDate>;

export function holidaySet(list: readonly (BankHoliday | IsoDate)[]): Holidays {
  return new Set(list.map((h) => (typeof h === 'string' ? h : h.date)));
}

/** England and Wales bank holidays as published on GOV.UK, shipped with the code (see the JSON for the source). */
export function shippedBankHolidays(): readonly BankHoliday[] {
  return shipped.dates;
}

export function isWorkingDay(date: IsoDate, holidays: Holidays): boolean {
  return isoWeekDay(date) <= 5 && !holidays.has(date);
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: IsoDate, holidays: Holidays): IsoDate {
  let d = date;
  while (!isWorkingDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/**
 * The date `n` working days after `date` (`date` itself not counted): 5 working days after a
 * Friday is the next Friday, or the Monday after when a bank holiday falls in between.
 * With n = 0 it is the first working day on or after `date`. Negative n counts backwards.
 */
export function addWorkingDays(date: IsoDate, n: number, holidays: Holidays): IsoDate {
  if (n === 0) return nextWorkingDay(date, holidays);
  const step = n > 0 ? 1 : -1;
  let d = date;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

/** Working days in (from, to]: 0 when `to` is not after `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: Holidays): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) n++;
  return n;
}

/** Working days in the week starting on `monday` (5 less the bank holidays in it). */
export function workingDaysInWeek(monday: IsoDate, holidays: Holidays): number {
  let n = 0;
  for (let i = 0; i < 5; i++) if (!holidays.has(addDays(monday, i))) n++;
  return n;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  holidaySet,
  isWorkingDay,
  mondayOf,
  shippedBankHolidays,
  workingDaysBetween,
  workingDaysInWeek,
} from '../../../shared/domain/calendar';

const holidays = holidaySet(shippedBankHolidays());
const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2020-01-01', n));

describe('working days (England and Wales bank holidays)', () => {
  it('skip weekends and the bank holidays GOV.UK publishes', () => {
    expect(isWorkingDay('2020-12-25', holidays)).toBe(false);
    expect(isWorkingDay('2020-12-28', holidays)).toBe(false); // Boxing Day, substitute
    expect(isWorkingDay('2020-12-26', holidays)).toBe(false); // Saturday
    expect(isWorkingDay('2020-12-29', holidays)).toBe(true);
    // Five working days after Wednesday 23 December 2020: 24, 29, 30, 31 December, then 4 January (1 January is a holiday).
    expect(addWorkingDays('2020-12-23', 5, holidays)).toBe('2021-01-04');
    expect(addWorkingDays('2020-09-04', 5, holidays)).toBe('2020-09-11');
    expect(addWorkingDays('2020-09-11', -5, holidays)).toBe('2020-09-04');
    expect(addWorkingDays('2020-12-25', 0, holidays)).toBe('2020-12-29');
    expect(workingDaysInWeek('2020-12-28', holidays)).toBe(3);
    expect(workingDaysBetween('2020-12-23', '2021-01-04', holidays)).toBe(5);
  });

  it('name a week by its Monday', () => {
    expect(mondayOf('2020-09-13')).toBe('2020-09-07');
    expect(mondayOf('2020-09-07')).toBe('2020-09-07');
    expect(mondayOf('2021-01-01')).toBe('2020-12-28');
  });

  it('always land on a working day, and count back to where they started', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const later = addWorkingDays(d, n, holidays);
        expect(isWorkingDay(later, holidays)).toBe(true);
        expect(later > d).toBe(true);
        expect(workingDaysBetween(d, later, holidays)).toBe(n);
      }),
    );
  });
});

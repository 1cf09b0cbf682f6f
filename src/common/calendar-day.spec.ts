import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  dayNumber,
  daysBetween,
  formatLongDate,
  fromDayNumber,
  isCalendarDay,
  todayIn,
} from './calendar-day';

const day = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('calendar days', () => {
  it.each(['2022-02-28', '2024-02-29', '2000-02-29', '2021-12-31', '1016-09-15', '9999-12-31'])(
    'accepts the real day %s',
    (value) => expect(isCalendarDay(value)).toBe(true),
  );

  it.each([
    '2022-02-30',
    '2023-02-29',
    '1900-02-29',
    '2021-04-31',
    '2021-13-01',
    '2021-00-10',
    '2021-01-00',
    '2021-1-5',
    '21-01-05',
    '2021-01-05T00:00',
    ' 2021-01-05',
    '0999-12-31',
    '',
  ])('refuses %j', (value) => expect(isCalendarDay(value)).toBe(false));

  it('refuses what is not a string', () => {
    expect(isCalendarDay(20220101)).toBe(false);
    expect(isCalendarDay(null)).toBe(false);
    expect(isCalendarDay(new Date())).toBe(false);
  });

  it('agrees with luxon on which days exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, dayOfMonth) => {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
          expect(isCalendarDay(text)).toBe(DateTime.fromISO(text, { zone: 'utc' }).isValid);
        },
      ),
    );
  });

  it('counts whole days across months, leap years and the epoch', () => {
    expect(daysBetween('2021-11-22', '2022-01-10')).toBe(49);
    expect(daysBetween('2016-09-15', '2016-11-30')).toBe(76);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('1969-12-31', '1970-01-01')).toBe(1);
    expect(daysBetween('2022-01-10', '2021-11-22')).toBe(-49);
    expect(addDays('2021-12-25', 30)).toBe('2022-01-24');
    expect(addDays('2022-02-12', 40)).toBe('2022-03-24');
    expect(addDays('2022-03-24', 50)).toBe('2022-05-13');
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('adds and counts days as inverses, matching luxon', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -20000, max: 20000 }), (start, count) => {
        const end = addDays(start, count);
        expect(isCalendarDay(end)).toBe(true);
        expect(daysBetween(start, end)).toBe(count);
        expect(end).toBe(DateTime.fromISO(start, { zone: 'utc' }).plus({ days: count }).toISODate());
      }),
    );
  });

  it('orders days as strings the way it counts them', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(Math.sign(daysBetween(a, b))).toBe(a < b ? 1 : a > b ? -1 : 0);
      }),
    );
  });

  it("reads today on the zone's wall clock", () => {
    const now = new Date('2022-01-09T19:00:00Z');
    expect(todayIn(now, 'Asia/Kolkata')).toBe('2022-01-10');
    expect(todayIn(now, 'UTC')).toBe('2022-01-09');
    expect(todayIn(now, 'America/Los_Angeles')).toBe('2022-01-09');
    expect(todayIn(new Date('2022-01-10T08:00:00Z'), 'America/Los_Angeles')).toBe('2022-01-10');
  });

  it('writes dates the way statements do', () => {
    expect(formatLongDate('2021-12-25')).toBe('25 December 2021');
    expect(formatLongDate('2022-01-04')).toBe('4 January 2022');
  });
});

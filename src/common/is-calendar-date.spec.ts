import fc from 'fast-check';
import { isCalendarDate } from './is-calendar-date';

describe('isCalendarDate', () => {
  it('accepts days that exist, leap days included', () => {
    for (const day of ['2021-11-22', '2024-02-29', '2000-02-29', '1999-12-31', '2022-01-01']) {
      expect(isCalendarDate(day)).toBe(true);
    }
  });

  it('refuses days that do not exist and other shapes', () => {
    for (const bad of [
      '2022-02-30',
      '2023-02-29',
      '1900-02-29',
      '2022-04-31',
      '2022-13-01',
      '2022-00-10',
      '2022-01-00',
      '2022-1-5',
      '22-01-05',
      '2022-01-05T00:00',
      '0000-01-01',
      '',
      20220105,
      null,
    ]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
  });

  it('agrees with the calendar for every day from 1900 to 2100', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(isCalendarDate(instant.toISOString().slice(0, 10))).toBe(true);
        },
      ),
    );
  });
});

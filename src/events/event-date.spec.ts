import fc from 'fast-check';
import { DATE_PRECISIONS } from '../common/entry';
import { normaliseEventDate } from './event-date';

describe('normaliseEventDate', () => {
  it('keeps a full date at day precision', () => {
    expect(normaliseEventDate('2021-11-22', 'day')).toEqual({ date: '2021-11-22' });
    expect(normaliseEventDate(' 2024-02-29 ', 'day')).toEqual({ date: '2024-02-29' });
  });

  it('stores a month as its first day and a year as 1 January', () => {
    expect(normaliseEventDate('2020-10', 'month')).toEqual({ date: '2020-10-01' });
    expect(normaliseEventDate('2020-10-01', 'month')).toEqual({ date: '2020-10-01' });
    expect(normaliseEventDate('2016', 'year')).toEqual({ date: '2016-01-01' });
    expect(normaliseEventDate('2016-01', 'year')).toEqual({ date: '2016-01-01' });
    expect(normaliseEventDate('2016-01-01', 'year')).toEqual({ date: '2016-01-01' });
  });

  it('refuses a date more precise than its precision, saying how to write it', () => {
    expect(normaliseEventDate('2021-11-15', 'month')).toEqual({
      problem:
        '2021-11-15 does not fit precision month: write the month as 2021-11 (or its first day, 2021-11-01)',
    });
    expect(normaliseEventDate('2016-09', 'year')).toEqual({
      problem: '2016-09-01 does not fit precision year: write the year as 2016 (or 2016-01-01)',
    });
    expect(normaliseEventDate('2016-01-02', 'year')).toHaveProperty('problem');
  });

  it('refuses a date less precise than its precision', () => {
    expect(normaliseEventDate('2021-11', 'day')).toEqual({
      problem: 'needs a full date (YYYY-MM-DD) for precision day',
    });
    expect(normaliseEventDate('2021', 'day')).toHaveProperty('problem');
    expect(normaliseEventDate('2021', 'month')).toEqual({
      problem: 'needs a month (YYYY-MM) for precision month',
    });
  });

  it('refuses days and months that do not exist, and other shapes', () => {
    expect(normaliseEventDate('2022-02-30', 'day')).toEqual({
      problem: '2022-02-30 is not a real calendar date',
    });
    expect(normaliseEventDate('2022-13', 'month')).toEqual({
      problem: '2022-13 is not a real calendar date',
    });
    for (const bad of ['', 'October 2020', '22-11-2021', '2021/11/22', '2021-11-22T10:00', '202']) {
      expect(normaliseEventDate(bad, 'day')).toHaveProperty('problem');
    }
  });

  it('stores every accepted date as a real day that fits its precision', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.option(fc.integer({ min: 0, max: 14 })),
        fc.option(fc.integer({ min: 0, max: 32 })),
        (year, month, day) => {
          const text =
            String(year) +
            (month === null ? '' : `-${String(month).padStart(2, '0')}`) +
            (month === null || day === null ? '' : `-${String(day).padStart(2, '0')}`);
          for (const precision of DATE_PRECISIONS) {
            const result = normaliseEventDate(text, precision);
            if ('date' in result) {
              const stored = new Date(`${result.date}T00:00:00Z`);
              expect(stored.toISOString().slice(0, 10)).toBe(result.date);
              expect(result.date.startsWith(text.slice(0, 7))).toBe(true);
              if (precision !== 'day') {
                expect(stored.getUTCDate()).toBe(1);
              }
              if (precision === 'year') {
                expect(stored.getUTCMonth()).toBe(0);
              }
            }
          }
        },
      ),
    );
  });

  it('accepts each real day at day precision, and its month and year at theirs', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const day = instant.toISOString().slice(0, 10);
          expect(normaliseEventDate(day, 'day')).toEqual({ date: day });
          expect(normaliseEventDate(day.slice(0, 7), 'month')).toEqual({ date: `${day.slice(0, 7)}-01` });
          expect(normaliseEventDate(day.slice(0, 4), 'year')).toEqual({ date: `${day.slice(0, 4)}-01-01` });
        },
      ),
    );
  });
});

import { DatePrecision, IsoDate } from '../common/entry';
import { isCalendarDate } from '../common/is-calendar-date';

// An event's date is stored as a day; a month is its first day and a year its 1 January, with the
// precision saying which. Statements write "In October 2020", so '2020-10' with precision month is
// accepted and stored as 2020-10-01.

export type EventDateResult = { date: IsoDate } | { problem: string };

const SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function normaliseEventDate(input: string, precision: DatePrecision): EventDateResult {
  const match = SHAPE.exec(input.trim());
  if (!match) {
    return { problem: 'must be a date as YYYY-MM-DD, or YYYY-MM / YYYY for month / year precision' };
  }
  const [, year, month, day] = match;
  const date = `${year}-${month ?? '01'}-${day ?? '01'}`;
  if (!isCalendarDate(date)) {
    return { problem: `${input.trim()} is not a real calendar date` };
  }
  const given: DatePrecision = day ? 'day' : month ? 'month' : 'year';
  switch (precision) {
    case 'day':
      return given === 'day' ? { date } : { problem: 'needs a full date (YYYY-MM-DD) for precision day' };
    case 'month':
      if (given === 'year') {
        return { problem: 'needs a month (YYYY-MM) for precision month' };
      }
      return date.endsWith('-01')
        ? { date }
        : {
            problem: `${date} does not fit precision month: write the month as ${year}-${month} (or its first day, ${year}-${month}-01)`,
          };
    case 'year':
      return date.endsWith('-01-01')
        ? { date }
        : { problem: `${date} does not fit precision year: write the year as ${year} (or ${year}-01-01)` };
  }
}

import fc from 'fast-check';
import { formatStatementDay as statementDay } from '../chronology/date-phrases';
import { LANGUAGES } from '../i18n/languages';
import { formatDay as pageDay } from './format';
import { dayForForm, readPlainDate, readPlainDateAsKnown } from './plain-date';

const anyDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10));

const toArabicIndic = (text: string): string =>
  text.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
const toPersian = (text: string): string =>
  text.replace(/\d/g, (digit) => String.fromCharCode(0x06f0 + Number(digit)));

describe('readPlainDate', () => {
  it.each([
    ['2024-11-20'],
    ['20/11/2024'],
    ['20.11.2024'],
    ['20-11-2024'],
    ['20 November 2024'],
    ['20 november 2024'],
    ['20th November 2024'],
    ['the 20th of November, 2024'],
    ['Nov 20, 2024'],
    ['November 20 2024'],
    ['20 Nov. 2024'],
    ['20 ноября 2024'],
    ['20 ноября 2024 г.'],
    ['20 novembre 2024'],
    ['20 de noviembre de 2024'],
    ['٢٠ نوفمبر ٢٠٢٤'],
    ['۲۰ نوفمبر ۲۰۲۴'],
    ['20 تشرين الثاني 2024'],
    ['٢٠ تشرين الثاني ٢٠٢٤م'],
    ['\u200f٢٠/١١/٢٠٢٤'],
  ])('reads “%s” as 20 November 2024', (typed) => {
    expect(readPlainDate(typed)).toEqual({ date: '2024-11-20' });
  });

  it('reads the first of the month as French writes it, and one-digit days and months', () => {
    expect(readPlainDate('1er mars 2022')).toEqual({ date: '2022-03-01' });
    expect(readPlainDate('1/3/2022')).toEqual({ date: '2022-03-01' });
    expect(readPlainDate('1 كانون الثاني 2022')).toEqual({ date: '2022-01-01' });
    expect(readPlainDate('5 أيار 2022')).toEqual({ date: '2022-05-05' });
  });

  it('reads numbers day first, so an American month-first date is no day', () => {
    expect(readPlainDate('03/04/2024')).toEqual({ date: '2024-04-03' });
    expect(readPlainDate('11/20/2024')).toEqual({ problem: 'impossible' });
  });

  it('refuses days the calendar does not have instead of rolling them over', () => {
    expect(readPlainDate('31 February 2024')).toEqual({ problem: 'impossible' });
    expect(readPlainDate('29/02/2023')).toEqual({ problem: 'impossible' });
    expect(readPlainDate('2024-02-30')).toEqual({ problem: 'impossible' });
    expect(readPlainDate('31 апреля 2024')).toEqual({ problem: 'impossible' });
    expect(readPlainDate('29 February 2024')).toEqual({ date: '2024-02-29' });
  });

  it.each([
    [''],
    ['20 Novembr 2024'],
    ['tomorrow'],
    ['20 November'],
    ['November 2024'],
    ['20/11/24'],
    ['2024'],
  ])('cannot read “%s”', (typed) => {
    expect(readPlainDate(typed)).toEqual({ problem: 'unreadable' });
  });

  it('reads back every day as the pages and the statements write it, in every language', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...LANGUAGES), (day, language) => {
        expect(readPlainDate(pageDay(day, 'day', language))).toEqual({ date: day });
        expect(readPlainDate(statementDay(day, language))).toEqual({ date: day });
      }),
    );
  });

  it('reads any day in Arabic-Indic or Persian digits as in Latin ones', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const [year, month, date] = day.split('-');
        const typed = `${date}/${month}/${year}`;
        expect(readPlainDate(toArabicIndic(typed))).toEqual({ date: day });
        expect(readPlainDate(toPersian(statementDay(day, 'ar')))).toEqual({ date: day });
      }),
    );
  });
});

describe('readPlainDateAsKnown', () => {
  it.each([
    ['3 May 2022', '2022-05-03', 'day'],
    ['3 mai 2022', '2022-05-03', 'day'],
    ['May 2022', '2022-05-01', 'month'],
    ['mai 2022', '2022-05-01', 'month'],
    ['mayo de 2022', '2022-05-01', 'month'],
    ['май 2022 г.', '2022-05-01', 'month'],
    ['أيار ٢٠٢٢', '2022-05-01', 'month'],
    ['تشرين الثاني 2022', '2022-11-01', 'month'],
    ['Sept. 2022', '2022-09-01', 'month'],
    ['05/2022', '2022-05-01', 'month'],
    ['5.2022', '2022-05-01', 'month'],
    ['2022-05', '2022-05-01', 'month'],
    ['2022', '2022-01-01', 'year'],
    ['٢٠٢٢م', '2022-01-01', 'year'],
    ['2022 г.', '2022-01-01', 'year'],
  ])('reads “%s” as %s known to the %s', (typed, date, precision) => {
    expect(readPlainDateAsKnown(typed)).toEqual({ date, precision });
  });

  it.each([['13/2022'], ['2022-00'], ['31 February 2022']])('refuses “%s”, no month or day', (typed) => {
    expect(readPlainDateAsKnown(typed)).toEqual({ problem: 'impossible' });
  });

  it.each([[''], ['May'], ['Mayo 22'], ['next year'], ['20 November']])('cannot read “%s”', (typed) => {
    expect(readPlainDateAsKnown(typed)).toEqual({ problem: 'unreadable' });
  });

  it('reads back every date as the pages write it, to its precision, in every language', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...LANGUAGES), (day, language) => {
        const month = `${day.slice(0, 7)}-01`;
        const year = `${day.slice(0, 4)}-01-01`;
        expect(readPlainDateAsKnown(pageDay(day, 'day', language))).toEqual({ date: day, precision: 'day' });
        expect(readPlainDateAsKnown(pageDay(month, 'month', language))).toEqual({
          date: month,
          precision: 'month',
        });
        expect(readPlainDateAsKnown(pageDay(year, 'year', language))).toEqual({
          date: year,
          precision: 'year',
        });
      }),
    );
  });
});

describe('dayForForm', () => {
  it.each([
    ['en', '2022-05-03', 'day', '3 May 2022'],
    ['fr', '2022-05-03', 'day', '3 mai 2022'],
    ['fr', '2022-05-01', 'month', 'mai 2022'],
    ['es', '2022-05-01', 'month', 'mayo de 2022'],
    ['ru', '2022-05-03', 'day', '3 мая 2022\u202fг.'],
    ['ar', '2022-05-03', 'day', '3 مايو 2022'],
    ['ar', '2022-01-01', 'year', '2022'],
  ] as const)(
    'shows a stored date to a %s reader in their words: %s (%s) as “%s”',
    (language, day, precision, shown) => {
      expect(dayForForm(day, language, precision)).toBe(shown);
    },
  );

  it('leaves a form’s field blank when there is no date', () => {
    expect(dayForForm(null, 'fr')).toBe('');
    expect(dayForForm('', 'ar', 'month')).toBe('');
  });

  it('shows every stored day so that the form reads it back unchanged, in every language', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...LANGUAGES), (day, language) => {
        expect(readPlainDate(dayForForm(day, language))).toEqual({ date: day });
        // An Arabic reader may retype the digits with an Arabic keyboard.
        expect(readPlainDate(toArabicIndic(dayForForm(day, language)))).toEqual({ date: day });
      }),
    );
  });

  it('shows an event’s date to its precision, read back to the same date and precision', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...LANGUAGES), (day, language) => {
        const stored = { day, month: `${day.slice(0, 7)}-01`, year: `${day.slice(0, 4)}-01-01` };
        for (const precision of ['day', 'month', 'year'] as const) {
          const shown = dayForForm(stored[precision], language, precision);
          expect(readPlainDateAsKnown(shown)).toEqual({ date: stored[precision], precision });
          expect(readPlainDateAsKnown(toArabicIndic(shown))).toEqual({ date: stored[precision], precision });
        }
      }),
    );
  });
});

import fc from 'fast-check';
import {
  entryLead,
  entryLine,
  formatDate,
  formatStatementDay,
  isoDate,
  lastDayOf,
  monthNumber,
} from './date-phrases';

const INTL_LOCALE = { en: 'en-GB', ru: 'ru', fr: 'fr', es: 'es' } as const;

const anyDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10));

describe('date phrases', () => {
  it('writes days as statements do, in each language', () => {
    expect(formatStatementDay('2021-11-22', 'en')).toBe('22 November 2021');
    expect(formatStatementDay('2021-11-22', 'ru')).toBe('22 ноября 2021 г.');
    expect(formatStatementDay('2021-11-22', 'fr')).toBe('22 novembre 2021');
    expect(formatStatementDay('2021-11-22', 'es')).toBe('22 de noviembre de 2021');
    expect(formatStatementDay('2022-03-01', 'fr')).toBe('1er mars 2022');
    expect(formatStatementDay('2022-03-01', 'en')).toBe('1 March 2022');
  });

  it('opens month and year entries with "In"', () => {
    expect(entryLead('2020-10-01', 'month', 'en')).toBe('In October 2020');
    expect(entryLead('2020-10-01', 'month', 'ru')).toBe('В октябре 2020 г.');
    expect(entryLead('2020-10-01', 'month', 'fr')).toBe('En octobre 2020');
    expect(entryLead('2020-10-01', 'month', 'es')).toBe('En octubre de 2020');
    expect(entryLead('2016-01-01', 'year', 'en')).toBe('In 2016');
    expect(entryLead('2016-01-01', 'year', 'ru')).toBe('В 2016 г.');
    expect(entryLead('2016-01-01', 'year', 'fr')).toBe('En 2016');
    expect(entryLead('2016-01-01', 'year', 'es')).toBe('En 2016');
    expect(entryLead('2021-11-22', 'day', 'en')).toBe('22 November 2021');
  });

  it('writes whole lines, with the French space before the colon', () => {
    expect(entryLine('2022-03-24', 'day', 'en', 'Custody extended.')).toBe(
      '24 March 2022: Custody extended.',
    );
    expect(entryLine('2022-03-24', 'day', 'fr', 'Détention prolongée.')).toBe(
      '24 mars 2022\u00a0: Détention prolongée.',
    );
  });

  it('writes dates standing alone at their precision', () => {
    expect(formatDate('2020-10-01', 'month', 'en')).toBe('October 2020');
    expect(formatDate('2020-10-01', 'month', 'ru')).toBe('октябрь 2020 г.');
    expect(formatDate('2020-10-01', 'month', 'es')).toBe('octubre de 2020');
    expect(formatDate('2016-01-01', 'year', 'ru')).toBe('2016 г.');
    expect(formatDate('2016-01-01', 'year', 'fr')).toBe('2016');
  });

  it('agrees with the platform’s own long date format for every day (French 1er aside)', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom('en', 'ru', 'fr', 'es' as const), (day, lang) => {
        const intl = new Intl.DateTimeFormat(INTL_LOCALE[lang], {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(`${day}T00:00:00Z`));
        const ours = formatStatementDay(day, lang);
        expect(lang === 'fr' ? ours.replace(/^1er /, '1 ') : ours).toBe(intl);
      }),
    );
  });

  it('reads back every month name it writes, in every form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('en', 'ru', 'fr', 'es' as const),
        (month, lang) => {
          const date = `2020-${String(month).padStart(2, '0')}-01`;
          for (const text of [
            formatStatementDay(date, lang),
            formatDate(date, 'month', lang),
            entryLead(date, 'month', lang),
          ]) {
            const words = text.split(/\s+/).filter((word) => monthNumber(word) !== undefined);
            expect(words.map((word) => monthNumber(word))).toEqual([month]);
          }
        },
      ),
    );
    expect(monthNumber('Sept.')).toBe(9);
    expect(monthNumber('Smarch')).toBeUndefined();
  });

  it('knows which days exist', () => {
    expect(isoDate(2022, 2, 31)).toBeUndefined();
    expect(isoDate(2021, 2, 29)).toBeUndefined();
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2022, 13, 1)).toBeUndefined();
    expect(isoDate(2022, 4, 0)).toBeUndefined();
    expect(isoDate(2021, 11, 22)).toBe('2021-11-22');
  });

  it('finds the last day a month or year can mean', () => {
    expect(lastDayOf('2024-02-01', 'month')).toBe('2024-02-29');
    expect(lastDayOf('2016-01-01', 'year')).toBe('2016-12-31');
    expect(lastDayOf('2021-11-22', 'day')).toBe('2021-11-22');
  });
});

import fc from 'fast-check';
import { LANGUAGES } from '../i18n/languages';
import { PERIOD_UNITS } from '../statutory-limits/limit-model';
import {
  periodExamples,
  periodInWords,
  periodProblemsByLine,
  periodsInWords,
  readPeriod,
  readPeriods,
} from './limit-periods';

describe('a statutory limit’s periods as people write them', () => {
  it.each([
    ['90 days', 90, 'days', false],
    ['90 jours', 90, 'days', false],
    ['6 mois', 6, 'months', false],
    ['90 días', 90, 'days', false],
    ['6 meses', 6, 'months', false],
    ['6 месяцев', 6, 'months', false],
    ['90 дней', 90, 'days', false],
    ['٩٠ يومًا', 90, 'days', false],
    ['٦ أشهر', 6, 'months', false],
    ['شهرين', 2, 'months', false],
    ['2 semaines', 14, 'days', false],
    ['1\u202f000 jours', 1000, 'days', false],
    ['1,200 days', 1200, 'days', false],
    ['4 months renewed by court', 4, 'months', true],
    ['14 days renewed by a court', 14, 'days', true],
    ['4 mois renouvelables par un tribunal', 4, 'months', true],
    ['1 mois renouvelable par le tribunal', 1, 'months', true],
    ['90 días prorrogables por un tribunal', 90, 'days', true],
    ['4 месяца с продлением судом', 4, 'months', true],
    ['٤ أشهر قابلة للتجديد بقرار من المحكمة', 4, 'months', true],
  ] as const)('reads “%s” as %i %s (renewed by court: %s)', (typed, length, unit, renewedByCourt) => {
    expect(readPeriod(typed)).toEqual({ length, unit, renewedByCourt });
  });

  it.each([['toujours'], ['two weeks'], ['12 heures'], ['90'], ['0 jours'], ['90 jours renouvelables']])(
    'cannot read “%s”',
    (typed) => {
      expect(readPeriod(typed)).toBeUndefined();
    },
  );

  it('reads one period a line, skipping blank lines, or names every line it cannot read', () => {
    expect(readPeriods('90 jours\n\n4 mois renouvelables par un tribunal\r\n')).toEqual({
      periods: [
        { length: 90, unit: 'days', renewedByCourt: false },
        { length: 4, unit: 'months', renewedByCourt: true },
      ],
    });
    expect(readPeriods('90 jours; 6 mois')).toMatchObject({ periods: [{ length: 90 }, { length: 6 }] });
    expect(readPeriods('toujours\n90 jours\njamais')).toEqual({ unread: ['toujours', 'jamais'] });
    expect(readPeriods(undefined)).toEqual({ periods: [] });
  });

  it('writes periods in the reader’s words, one a line on the form', () => {
    const periods = [
      { length: 90, unit: 'days' as const, renewedByCourt: false },
      { length: 4, unit: 'months' as const, renewedByCourt: true },
    ];
    expect(periodsInWords(periods, 'fr', '\n')).toBe('90 jours\n4 mois renouvelables par un tribunal');
    expect(periodsInWords(periods, 'en')).toBe('90 days; 4 months renewed by court');
    expect(periodExamples('ar')).toEqual({
      example: '90 يومًا',
      renewed: '4 أشهر قابلة للتجديد بقرار من المحكمة',
    });
  });

  it('reads back every period it writes, and the form’s examples, in every language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom(...PERIOD_UNITS),
        fc.boolean(),
        fc.constantFrom(...LANGUAGES),
        (length, unit, renewedByCourt, language) => {
          const period = { length, unit, renewedByCourt };
          expect(readPeriod(periodInWords(period, language))).toEqual(period);
        },
      ),
    );
    for (const language of LANGUAGES) {
      const { example, renewed } = periodExamples(language);
      expect(readPeriods(`${example}\n${renewed}`)).toMatchObject({
        periods: [{ length: 90 }, { length: 4 }],
      });
    }
  });

  it('says a period’s own problems beside the periods field, naming its line', () => {
    const errors = {
      'periods.1.length': ['length must not be greater than 3650'],
      law: ['law must not be blank'],
    };
    expect(periodProblemsByLine(errors, '90 jours\n\n5000 jours')).toEqual({
      periods: ['is not a period the table takes: 5000 jours'],
      law: ['law must not be blank'],
    });
  });
});

import fc from 'fast-check';
import { LANGUAGES } from '../i18n/languages';
import {
  durationWords,
  isoDuration,
  offsetChoices,
  readPlainDuration,
  readPlainLength,
  splitDurations,
} from './plain-duration';

describe('lengths of time as people say them', () => {
  it.each([
    ['3 days', 'P3D'],
    ['3days', 'P3D'],
    ['a day', 'P1D'],
    ['12 hours', 'PT12H'],
    ['an hour', 'PT1H'],
    ['2 weeks', 'P14D'],
    ['30 minutes', 'PT30M'],
    ['3 jours', 'P3D'],
    ['2 semaines', 'P14D'],
    ['12 horas', 'PT12H'],
    ['3 días', 'P3D'],
    ['3 дня', 'P3D'],
    ['5 дней', 'P5D'],
    ['1 неделя', 'P7D'],
    ['٣ أيام', 'P3D'],
    ['يومان', 'P2D'],
    ['ساعة واحدة', 'PT1H'],
    ['١١ يومًا', 'P11D'],
    ['أسبوعين', 'P14D'],
    ['P7D', 'P7D'],
    ['pt2h', 'PT2H'],
    ['P1DT12H', 'P1DT12H'],
  ])('reads “%s” as %s', (typed, iso) => {
    expect(readPlainDuration(typed)).toBe(iso);
  });

  it.each([['soon'], ['3 dayz'], ['0 days'], ['3'], ['days'], ['P'], ['-2 days']])(
    'cannot read “%s”',
    (typed) => {
      expect(readPlainDuration(typed)).toBeUndefined();
    },
  );

  it.each([
    ['6 months', 6],
    ['6 mois', 6],
    ['6 meses', 6],
    ['6 месяцев', 6],
    ['1 месяц', 1],
    ['٦ أشهر', 6],
    ['شهر واحد', 1],
    ['شهرين', 2],
    ['١١ شهرًا', 11],
  ])('reads “%s” as %i months, a length no reminder offset takes', (typed, count) => {
    expect(readPlainLength(typed)).toEqual({ count, unit: 'months' });
    expect(readPlainDuration(typed)).toBeUndefined();
  });

  it('splits a free field on commas, semicolons and Arabic commas', () => {
    expect(splitDurations('3 days, 12 hours;2 weeks ،٤ أيام\n')).toEqual([
      '3 days',
      '12 hours',
      '2 weeks',
      '٤ أيام',
    ]);
  });

  it('reads back every length it writes, in every language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('minutes' as const, 'hours' as const, 'days' as const),
        fc.constantFrom(...LANGUAGES),
        (count, unit, language) => {
          const iso = isoDuration(count, unit);
          expect(readPlainDuration(durationWords(iso, language))).toBe(iso);
        },
      ),
    );
  });

  it('writes offsets in the reader’s words, and what is not whole units as ISO', () => {
    expect(durationWords('P7D', 'en')).toBe('7 days');
    expect(durationWords('PT2H', 'ru')).toBe('2 часа');
    expect(durationWords('P1D', 'ar')).toBe('يوم واحد');
    expect(durationWords('P2W', 'fr')).toBe('14 jours');
    expect(durationWords('P1DT12H', 'en')).toBe('P1DT12H');
  });

  it('ticks the common offsets a policy has and writes the others in words', () => {
    const shown = offsetChoices('P7D, P1D, PT2H, P3D, P1DT12H', undefined, 'en');
    expect(shown.common.filter((offset) => offset.ticked).map((offset) => offset.iso)).toEqual([
      'PT2H',
      'P1D',
      'P7D',
    ]);
    expect(shown.common.map((offset) => offset.words)).toEqual([
      '2 hours',
      '1 day',
      '7 days',
      '14 days',
      '30 days',
    ]);
    expect(shown.other).toBe('3 days, P1DT12H');
    expect(offsetChoices('P14D', '3 dayz', 'ru')).toMatchObject({ other: '3 dayz' });
    expect(offsetChoices(undefined, undefined, 'ar').common[1].words).toBe('يوم واحد');
  });
});

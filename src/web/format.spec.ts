import {
  countryName,
  daysFromNow,
  fileSize,
  termInWords,
  formatCourtTime,
  formatDay,
  humanize,
  problemForLabel,
} from './format';

describe('page formatting', () => {
  it('writes dates as statements do, at their precision', () => {
    expect(formatDay('2021-11-22')).toBe('22 November 2021');
    expect(formatDay('2020-10-01', 'month')).toBe('October 2020');
    expect(formatDay('2016-01-01', 'year')).toBe('2016');
    expect(formatDay(null)).toBe('');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('writes court times in their own zone, with its abbreviation', () => {
    expect(formatCourtTime('2022-03-24T10:30:00', 'Asia/Kolkata')).toBe('24 March 2022, 10:30 IST');
    expect(formatCourtTime('2022-05-12T14:00:00', 'Europe/Minsk')).toBe('12 May 2022, 14:00 GMT+3');
    expect(formatCourtTime('2022-07-06T00:00:00', 'Asia/Kolkata', false)).toBe('6 July 2022');
    expect(formatCourtTime(null, 'UTC')).toBe('');
  });

  it('writes dates with Intl in the reader’s language', () => {
    expect(formatDay('2021-11-22', 'day', 'fr')).toBe('22 novembre 2021');
    expect(formatDay('2021-11-22', 'day', 'ru')).toMatch(/^22 ноября 2021\sг\.$/);
    expect(formatDay('2021-11-22', 'day', 'ar')).toBe('22 نوفمبر 2021');
    expect(formatDay('2021-11-22', 'month', 'es')).toBe('noviembre de 2021');
    expect(formatCourtTime('2022-07-06T10:30:00', 'Asia/Kolkata', true, 'fr')).toBe(
      '6 juillet 2022, 10:30 IST',
    );
  });

  it('turns enum values into words', () => {
    expect(humanize('in_custody')).toBe('In custody');
    expect(humanize('un_action')).toBe('UN action');
    expect(humanize('pre_trial')).toBe('Pre-trial detention');
    expect(humanize('pre_trial', 'fr')).toBe('Détention provisoire');
    expect(humanize('in_custody', 'ar')).toBe('رهن الاحتجاز');
  });

  it('names countries and says day counts the way people do', () => {
    expect(countryName('IN')).toBe('India');
    expect(countryName('IN', 'fr')).toBe('Inde');
    expect(countryName('IN', 'ar')).toBe('الهند');
    expect(countryName('ZZ')).toBe('ZZ');
    expect(countryName('12')).toBe('12');
    expect(daysFromNow(0)).toBe('today');
    expect(daysFromNow(1)).toBe('tomorrow');
    expect(daysFromNow(4)).toBe('in 4 days');
    expect(daysFromNow(-3)).toBe('3 days ago');
    expect(daysFromNow(1, 'fr')).toBe('demain');
    expect(daysFromNow(4, 'es')).toBe('dentro de 4 días');
  });

  it('words a field problem with the label the page shows', () => {
    expect(problemForLabel('law must not be blank', 'law', 'Law')).toBe('Law must not be blank');
    expect(problemForLabel('days must not be less than 1', 'custodyExtension.days', 'Days')).toBe(
      'Days must not be less than 1',
    );
    expect(problemForLabel('is already taken', 'email', 'Email')).toBe('Email is already taken');
    expect(problemForLabel('Ends before it starts', 'until', 'Until')).toBe('Ends before it starts');
  });
});

describe('fileSize', () => {
  it('says a size in the unit people read', () => {
    expect([850, 2048, 348_160, 1_258_291, 25 * 1024 * 1024].map((bytes) => fileSize(bytes))).toEqual([
      '850 bytes',
      '2 KB',
      '340 KB',
      '1.2 MB',
      '25.0 MB',
    ]);
    expect([1, 850, 2048, 1_258_291].map((bytes) => fileSize(bytes, 'fr'))).toEqual([
      '1 octet',
      '850 octets',
      '2 Ko',
      '1,2 Mo',
    ]);
    expect(fileSize(3, 'ru')).toBe('3 байта');
  });
});

describe('termInWords', () => {
  it('says a sentence’s term in the reader’s words, joined as the language joins a list', () => {
    expect(termInWords('P15Y')).toBe('15 years');
    expect(termInWords('P2Y6M')).toBe('2 years and 6 months');
    expect(termInWords('P1Y2M3D')).toBe('1 year, 2 months and 3 days');
    expect(termInWords('P3Y6M', 'fr')).toBe('3 ans et 6 mois');
    expect(termInWords('P5Y', 'ru')).toBe('5 лет');
    expect(termInWords('life', 'es')).toBe('cadena perpetua');
    expect(termInWords('death', 'ar')).toBe('الإعدام');
  });
});

import { LANGUAGES } from '../i18n/languages';
import { readPlainTerm, termExamples, termForForm } from './plain-term';

describe('readPlainTerm', () => {
  it.each([
    ['15 years', 'P15Y'],
    ['2 years 6 months', 'P2Y6M'],
    ['2 years and 6 months', 'P2Y6M'],
    ['1 year, 2 months and 3 days', 'P1Y2M3D'],
    ["15 years' imprisonment", 'P15Y'],
    ['a year', 'P1Y'],
    ['6 weeks', 'P6W'],
    ['15 ans', 'P15Y'],
    ['2 ans et 6 mois', 'P2Y6M'],
    ['15 ans de prison', 'P15Y'],
    ['18 mois', 'P18M'],
    ['15 años', 'P15Y'],
    ['2 años y 6 meses', 'P2Y6M'],
    ['15 лет', 'P15Y'],
    ['2 года и 6 месяцев', 'P2Y6M'],
    ['3 года лишения свободы', 'P3Y'],
    ['١٥ سنة', 'P15Y'],
    ['٢ سنة و٦ أشهر', 'P2Y6M'],
    ['سنتين و6 أشهر', 'P2Y6M'],
    ['سنة واحدة وشهرين', 'P1Y2M'],
    ['السجن ٥ سنوات', 'P5Y'],
    ['P15Y', 'P15Y'],
    ['p2y6m', 'P2Y6M'],
    ['life', 'life'],
    ['Life imprisonment', 'life'],
    ['à perpétuité', 'life'],
    ['réclusion criminelle à perpétuité', 'life'],
    ['cadena perpetua', 'life'],
    ['пожизненное лишение свободы', 'life'],
    ['مؤبد', 'life'],
    ['السجن المؤبد', 'life'],
    ['death', 'death'],
    ['death penalty', 'death'],
    ['peine de mort', 'death'],
    ['pena de muerte', 'death'],
    ['смертная казнь', 'death'],
    ['الإعدام', 'death'],
  ])('reads %s as %s', (typed, stored) => {
    expect(readPlainTerm(typed)).toBe(stored);
  });

  it.each(['quinze', 'toujours', '3 hours', '0 years', '2 years 3 years', 'P', 'Pfoo', '15', 'years', ''])(
    'reads %s as no term',
    (typed) => {
      expect(readPlainTerm(typed)).toBeUndefined();
    },
  );
});

describe('termForForm', () => {
  const STORED = [
    'P1Y',
    'P2Y',
    'P3Y',
    'P5Y',
    'P11Y',
    'P15Y',
    'P21Y',
    'P100Y',
    'P6M',
    'P1M',
    'P2M',
    'P18M',
    'P2Y6M',
    'P1Y2M3D',
    'P6W',
    'P30D',
    'P1D',
    'life',
    'death',
  ];

  it('writes every stored term in words that read back to it, in every language', () => {
    for (const language of LANGUAGES) {
      for (const stored of STORED) {
        const words = termForForm(stored, language);
        expect({ language, stored, words: /^P\d/.test(words) ? 'ISO' : 'words' }).toEqual({
          language,
          stored,
          words: 'words',
        });
        expect({ language, words, read: readPlainTerm(words) }).toEqual({ language, words, read: stored });
      }
    }
  });

  it('writes terms as the reader says them', () => {
    expect(termForForm('P15Y', 'fr')).toBe('15 ans');
    expect(termForForm('P2Y6M', 'es')).toBe('2 años y 6 meses');
    expect(termForForm('P15Y', 'ru')).toBe('15 лет');
    expect(termForForm('life', 'fr')).toBe('perpétuité');
    expect(termForForm(null, 'en')).toBe('');
  });

  it('keeps a term whose words would not read back as stored', () => {
    expect(termForForm('P0Y', 'en')).toBe('P0Y');
  });

  it('gives examples that read back', () => {
    for (const language of LANGUAGES) {
      const examples = termExamples(language);
      expect(Object.values(examples).map((words) => readPlainTerm(words))).toEqual([
        'P15Y',
        'P2Y6M',
        'life',
        'death',
      ]);
    }
  });
});

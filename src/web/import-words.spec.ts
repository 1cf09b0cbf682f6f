import { IMPORT_WARNING_KINDS, parseChronology } from '../chronology/import-parser';
import { LANGUAGES } from '../i18n/languages';
import { importRefusalInWords, importWarningInWords } from './import-words';

describe('import warnings in the reader’s words', () => {
  const parsed = parseChronology(
    [
      '25 December 2021: Judicial custody extended for 30 days until 21 January 2022.',
      '',
      '24 January 2021: Custody extended.',
      '',
      '6 July 2030: Hearing.',
    ].join('\n'),
    { today: '2026-01-15' },
  );
  const said = (language: 'en' | 'fr' | 'ar') =>
    parsed.warnings.map((w) => importWarningInWords(w, language));

  it('says in English what the API says', () => {
    expect(said('en')).toEqual(parsed.warnings.map((warning) => warning.problem));
  });

  it('says each warning in French, with the dates written in French', () => {
    expect(said('fr')).toEqual([
      '30 jours à compter du 25 décembre 2021 se terminent le 24 janvier 2022, mais le texte dit jusqu’au 21 janvier 2022',
      '24 janvier 2021 vient après 25 décembre 2021 (ligne 1)\u00a0: ordre des dates rompu — l’année est-elle juste\u00a0?',
      '6 juillet 2030 est après aujourd’hui',
    ]);
    expect(said('ar')[2]).toBe('6 يوليو 2030 بعد اليوم');
  });

  it('names the people and the guessed year in the reader’s words', () => {
    expect(
      importWarningInWords(
        { kind: 'other-person', params: { people: ['Teodor Vlasov', 'Ana Pop'], defender: 'Mirela Dobre' } },
        'fr',
      ),
    ).toMatch(/^concerne Teodor Vlasov et Ana Pop, pas Mirela Dobre\u00a0: écartée de cette affaire/);
    expect(
      importWarningInWords(
        {
          kind: 'year-guessed',
          params: {
            written: '16 September',
            year: '2023',
            from: 'earlier',
            earlier: { on: '2023-09-14', precision: 'day' },
          },
        },
        'es',
      ),
    ).toBe('«16 September» no tiene año: se tomó 2023 del 14 de septiembre de 2023; compruébelo');
  });

  it('has words for every kind of warning in every language', () => {
    for (const language of LANGUAGES) {
      for (const kind of IMPORT_WARNING_KINDS) {
        const params = {
          written: 'x',
          year: '2023',
          earlier: '',
          days: 3,
          people: ['A'],
          defender: 'B',
        };
        const day = { on: '2023-01-01', precision: 'day' } as const;
        const words = importWarningInWords(
          {
            kind,
            params: {
              ...params,
              date: day,
              previous: day,
              previousLine: 1,
              from: day,
              fromLine: 2,
              on: day,
              until: day,
              ordered: day,
              computed: day,
            },
          },
          language,
        );
        expect(words).not.toMatch(/importWarning|\{/);
      }
    }
  });

  it('says why saving was refused by the warning it repeats or the entry’s field', () => {
    const text = '3 May 2022: He was sentenced.\n\n31 February 2022: Custody extended.';
    const preview = parseChronology(text);
    expect(
      importRefusalInWords(
        { field: 'text', problem: 'line 3: "31 February 2022" is not a real date' },
        preview,
        'fr',
      ),
    ).toBe('Ligne 3\u00a0: «\u00a031 February 2022\u00a0» n’est pas une date réelle');
    expect(
      importRefusalInWords(
        {
          field: 'entries.1.sentenceTerm',
          problem:
            'is required for a sentence: an ISO 8601 duration such as P15Y or P2Y6M, or life, or death',
        },
        preview,
        'es',
        { sentenceTerm: 'Duración' },
      ),
    ).toMatch(/^Línea 1: Duración: obligatorio para una pena/);
    expect(
      importRefusalInWords(
        { field: 'keep', problem: 'entry 6.3 (line 6): choose whom it is about, or leave it out' },
        preview,
        'ar',
      ),
    ).toBe('المدخل 6.3 (السطر 6): اختر مَن يعنيه، أو استبعده');
  });
});

import { parseChronology, ParsedEntry } from './import-parser';

// One sentence (or two, when the second refers to the first) of each kind a statement writes, in
// each language where the construction exists, and the entries a caseworker should see for it.

type Expected = Partial<Omit<ParsedEntry, 'endedOn'>> & { endedOn?: string | null; warnings?: string[] };
type Row = [lang: 'en' | 'fr' | 'es' | 'ru', text: string, entries: Expected[]];

const read = (text: string) => parseChronology(text, { today: '2026-12-01' });

function check([, text, expected]: Row): void {
  const parsed = read(text);
  expect(
    parsed.entries.map((entry) => ({
      ...entry,
      endedOn: entry.endedOn ?? null,
      warnings: parsed.warnings
        .filter((warning) => warning.entry === entry.id)
        .map((warning) => warning.kind),
    })),
  ).toMatchObject(expected);
}

const DATES: Record<string, Row[]> = {
  'a full date inside a sentence': [
    [
      'en',
      'Security forces arrested the blogger at her home on 14 March 2023.',
      [{ type: 'arrest', occurredOn: '2023-03-14', precision: 'day' }],
    ],
    [
      'fr',
      'La police a arrêté la journaliste à son domicile le 14 mars 2023.',
      [{ type: 'arrest', occurredOn: '2023-03-14' }],
    ],
    [
      'es',
      'La policía detuvo a la periodista en su casa el 14 de marzo de 2023.',
      [{ type: 'arrest', occurredOn: '2023-03-14' }],
    ],
    [
      'ru',
      '14 марта 2023 г. полиция задержала журналистку у её дома.',
      [{ type: 'arrest', occurredOn: '2023-03-14' }],
    ],
  ],
  'a date without a year, taking the year of the date before it, with a warning': [
    [
      'en',
      'The lawyer was arrested on 2 February 2024. On 20 February, the court denied him bail.',
      [
        { type: 'arrest', warnings: [] },
        { type: 'bail_denied', occurredOn: '2024-02-20', warnings: ['year-guessed'] },
      ],
    ],
    [
      'fr',
      'L’avocat a été arrêté le 2 février 2024. Le 20 février, le tribunal a refusé sa mise en liberté.',
      [{ type: 'arrest' }, { type: 'bail_denied', occurredOn: '2024-02-20', warnings: ['year-guessed'] }],
    ],
    [
      'es',
      'El abogado fue detenido el 2 de febrero de 2024. El 20 de febrero, el tribunal le denegó la libertad bajo fianza.',
      [{ type: 'arrest' }, { type: 'bail_denied', occurredOn: '2024-02-20', warnings: ['year-guessed'] }],
    ],
    [
      'ru',
      'Адвокат был задержан 2 февраля 2024 г. 20 февраля суд отказал ему в освобождении под залог.',
      [{ type: 'arrest' }, { type: 'bail_denied', occurredOn: '2024-02-20', warnings: ['year-guessed'] }],
    ],
  ],
  'the next day, counted from the fact before it': [
    [
      'en',
      'The student was arrested on 5 June 2023. She was released the next day.',
      [{ type: 'arrest' }, { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] }],
    ],
    [
      'fr',
      'L’étudiante a été arrêtée le 5 juin 2023. Elle a été libérée le lendemain.',
      [{ type: 'arrest' }, { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] }],
    ],
    [
      'es',
      'La estudiante fue detenida el 5 de junio de 2023. Fue puesta en libertad al día siguiente.',
      [{ type: 'arrest' }, { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] }],
    ],
    [
      'ru',
      'Студентку задержали 5 июня 2023 г. На следующий день её освободили.',
      [{ type: 'arrest' }, { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] }],
    ],
  ],
  'a day after, in the same sentence': [
    [
      'en',
      'The student was arrested on 5 June 2023 and released a day after.',
      [
        { type: 'arrest', occurredOn: '2023-06-05' },
        { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] },
      ],
    ],
    [
      'fr',
      'L’étudiante a été arrêtée le 5 juin 2023 et libérée un jour après.',
      [
        { type: 'arrest', occurredOn: '2023-06-05' },
        { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] },
      ],
    ],
    [
      'es',
      'La estudiante fue detenida el 5 de junio de 2023 y liberada un día después.',
      [
        { type: 'arrest', occurredOn: '2023-06-05' },
        { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] },
      ],
    ],
    [
      'ru',
      'Студентку задержали 5 июня 2023 г. и освободили через день.',
      [
        { type: 'arrest', occurredOn: '2023-06-05' },
        { type: 'release', occurredOn: '2023-06-06', warnings: ['relative-date'] },
      ],
    ],
  ],
  'a day after what follows: the fact named after the phrase is dated from the one before': [
    [
      'en',
      'Border guards arrested him on 9 September 2016, a day after he was barred from travelling to Geneva.',
      [
        { type: 'arrest', occurredOn: '2016-09-09' },
        { type: 'travel_ban', occurredOn: '2016-09-08', warnings: ['relative-date'] },
      ],
    ],
  ],
  '10 days earlier': [
    [
      'en',
      'The court convicted him on 20 October 2023. His lawyer had been arrested 10 days earlier.',
      [{ type: 'conviction' }, { type: 'arrest', occurredOn: '2023-10-10', warnings: ['relative-date'] }],
    ],
    [
      'fr',
      'Le tribunal l’a reconnu coupable le 20 octobre 2023. Son avocat avait été arrêté 10 jours plus tôt.',
      [{ type: 'conviction' }, { type: 'arrest', occurredOn: '2023-10-10' }],
    ],
    [
      'es',
      'El 20 de octubre de 2023 fue declarado culpable. Su abogado había sido detenido 10 días antes.',
      [{ type: 'conviction' }, { type: 'arrest', occurredOn: '2023-10-10' }],
    ],
    [
      'ru',
      '20 октября 2023 г. суд признал его виновным. Его адвоката задержали 10 днями ранее.',
      [{ type: 'conviction' }, { type: 'arrest', occurredOn: '2023-10-10' }],
    ],
  ],
  'two weeks later': [
    [
      'en',
      'She was detained on 1 March 2024. Two weeks later, she was transferred to a prison in the north.',
      [{ type: 'detention' }, { type: 'transfer', occurredOn: '2024-03-15', warnings: ['relative-date'] }],
    ],
    [
      'fr',
      'Elle a été incarcérée le 1er mars 2024. Deux semaines plus tard, elle a été transférée dans une prison du nord.',
      [{ type: 'detention' }, { type: 'transfer', occurredOn: '2024-03-15' }],
    ],
    [
      'es',
      'Fue encarcelada el 1 de marzo de 2024. Dos semanas después fue trasladada a una cárcel del norte.',
      [{ type: 'detention' }, { type: 'transfer', occurredOn: '2024-03-15' }],
    ],
    [
      'ru',
      '1 марта 2024 г. её заключили под стражу. Через две недели её этапировали на север.',
      [{ type: 'detention' }, { type: 'transfer', occurredOn: '2024-03-15' }],
    ],
  ],
  'a range: a lasting entry with its start and end': [
    [
      'en',
      'She was on hunger strike from 1 to 22 May 2023.',
      [{ type: 'hunger_strike', occurredOn: '2023-05-01', endedOn: '2023-05-22' }],
    ],
    [
      'fr',
      'Elle a observé une grève de la faim du 1er au 22 mai 2023.',
      [{ type: 'hunger_strike', occurredOn: '2023-05-01', endedOn: '2023-05-22' }],
    ],
    [
      'es',
      'Estuvo en huelga de hambre del 1 al 22 de mayo de 2023.',
      [{ type: 'hunger_strike', occurredOn: '2023-05-01', endedOn: '2023-05-22' }],
    ],
    [
      'ru',
      'Она держала голодовку с 1 по 22 мая 2023 г.',
      [{ type: 'hunger_strike', occurredOn: '2023-05-01', endedOn: '2023-05-22' }],
    ],
  ],
  'since a day: a lasting entry still going on': [
    [
      'en',
      'He has been on hunger strike since 3 May 2024.',
      [{ type: 'hunger_strike', occurredOn: '2024-05-03', endedOn: null }],
    ],
    [
      'fr',
      'Il est en grève de la faim depuis le 3 mai 2024.',
      [{ type: 'hunger_strike', occurredOn: '2024-05-03', endedOn: null }],
    ],
    [
      'es',
      'Está en huelga de hambre desde el 3 de mayo de 2024.',
      [{ type: 'hunger_strike', occurredOn: '2024-05-03', endedOn: null }],
    ],
    [
      'ru',
      'Он держит голодовку с 3 мая 2024 г.',
      [{ type: 'hunger_strike', occurredOn: '2024-05-03', endedOn: null }],
    ],
  ],
  'a 30-day hunger strike: its end from its length, with a warning': [
    [
      'en',
      'On 3 May 2024 he began a 30-day hunger strike.',
      [
        {
          type: 'hunger_strike',
          occurredOn: '2024-05-03',
          endedOn: '2024-06-02',
          warnings: ['length-computed'],
        },
      ],
    ],
    [
      'fr',
      'Le 3 mai 2024, il a entamé une grève de la faim de 30 jours.',
      [{ type: 'hunger_strike', endedOn: '2024-06-02' }],
    ],
    [
      'es',
      'El 3 de mayo de 2024 inició una huelga de hambre de 30 días.',
      [{ type: 'hunger_strike', endedOn: '2024-06-02' }],
    ],
    [
      'ru',
      '3 мая 2024 г. он начал 30-дневную голодовку.',
      [{ type: 'hunger_strike', endedOn: '2024-06-02' }],
    ],
  ],
  'a month alone': [
    [
      'en',
      'He was detained in November 2021.',
      [{ type: 'detention', occurredOn: '2021-11-01', precision: 'month' }],
    ],
    [
      'fr',
      'Il a été détenu en novembre 2021.',
      [{ type: 'detention', occurredOn: '2021-11-01', precision: 'month' }],
    ],
    [
      'es',
      'Fue encarcelado en noviembre de 2021.',
      [{ type: 'detention', occurredOn: '2021-11-01', precision: 'month' }],
    ],
    [
      'ru',
      'В ноябре 2021 г. его заключили под стражу.',
      [{ type: 'detention', occurredOn: '2021-11-01', precision: 'month' }],
    ],
  ],
  'a year alone': [
    [
      'en',
      'She was first arrested in 2016.',
      [{ type: 'arrest', occurredOn: '2016-01-01', precision: 'year' }],
    ],
    [
      'fr',
      'Elle a été arrêtée pour la première fois en 2016.',
      [{ type: 'arrest', occurredOn: '2016-01-01', precision: 'year' }],
    ],
    [
      'es',
      'Fue detenida por primera vez en 2016.',
      [{ type: 'arrest', occurredOn: '2016-01-01', precision: 'year' }],
    ],
    [
      'ru',
      'Впервые её задержали в 2016 году.',
      [{ type: 'arrest', occurredOn: '2016-01-01', precision: 'year' }],
    ],
  ],
};

describe('statement import: finding dates', () => {
  for (const [construction, rows] of Object.entries(DATES)) {
    it.each(rows)(`${construction} (%s): %s`, (...row) => check(row as Row));
  }
});

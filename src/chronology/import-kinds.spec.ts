import { countOf } from './import-dates';
import { bailConditions, eventTypeOf, findFacts, sentenceTerm } from './import-kinds';
import { parseChronology, ParsedEntry } from './import-parser';

// What happened, one dated sentence per kind and language, read as a caseworker would file it.

type Row = [lang: 'en' | 'fr' | 'es' | 'ru', text: string, entries: Partial<ParsedEntry>[]];

const read = (text: string) => parseChronology(text, { today: '2026-12-01' }).entries;

const KINDS: Record<string, Row[]> = {
  'bail granted with its conditions': [
    [
      'en',
      'On 12 July 2023, the High Court granted him bail on condition that he wear an electronic ankle monitor and stay under house arrest.',
      [
        {
          type: 'bail_granted',
          occurredOn: '2023-07-12',
          bailConditions: ['electronic_monitoring', 'house_confinement'],
        },
      ],
    ],
    [
      'fr',
      'Le 12 juillet 2023, le juge lui a accordé une liberté sous caution assortie d’un bracelet électronique et d’une assignation à résidence.',
      [{ type: 'bail_granted', bailConditions: ['electronic_monitoring', 'house_confinement'] }],
    ],
    [
      'es',
      'El 12 de julio de 2023, el juez le concedió la libertad bajo fianza con arresto domiciliario y brazalete electrónico.',
      [{ type: 'bail_granted', bailConditions: ['electronic_monitoring', 'house_confinement'] }],
    ],
    [
      'ru',
      '12 июля 2023 г. суд освободил его под залог с ношением электронного браслета и запретом на выезд.',
      [{ type: 'bail_granted', bailConditions: ['electronic_monitoring', 'travel_ban'] }],
    ],
  ],
  'bail revoked': [
    [
      'en',
      'On 3 May 2022, the appeals bench revoked her bail.',
      [{ type: 'bail_revoked', occurredOn: '2022-05-03' }],
    ],
    ['fr', 'Le 3 mai 2022, la cour a révoqué sa liberté sous caution.', [{ type: 'bail_revoked' }]],
    ['es', 'El 3 de mayo de 2022, el tribunal revocó su libertad bajo fianza.', [{ type: 'bail_revoked' }]],
    ['ru', '3 мая 2022 г. суд отменил ему залог.', [{ type: 'bail_revoked' }]],
  ],
  'charges with law, section and counts': [
    [
      'en',
      'On 6 April 2023, prosecutors charged her on two counts under Article 190.3 of the Criminal Code.',
      [
        {
          kind: 'charges',
          type: 'other',
          detected: { charges: [{ law: 'Criminal Code', section: '190.3', counts: 2, status: 'alleged' }] },
        },
      ],
    ],
    [
      'fr',
      'Le 6 avril 2023, elle a été inculpée en vertu de l’article 421-2 du Code pénal.',
      [
        {
          kind: 'charges',
          detected: { charges: [{ law: 'Code pénal', section: '421-2', status: 'alleged' }] },
        },
      ],
    ],
    [
      'es',
      'El 6 de abril de 2023 fue acusada de sedición según el artículo 544 del Código Penal.',
      [
        {
          kind: 'charges',
          detected: { charges: [{ law: 'Código Penal', section: '544', status: 'alleged' }] },
        },
      ],
    ],
    [
      'ru',
      '6 апреля 2023 г. ей предъявили обвинение по ч. 1 ст. 207.3 УК РФ.',
      [{ kind: 'charges', detected: { charges: [{ law: 'УК РФ', section: '207.3', status: 'alleged' }] } }],
    ],
  ],
  'a custody extension': [
    [
      'en',
      'On 10 January 2024, the court extended his pre-trial detention by 60 days.',
      [{ kind: 'custody_order', type: 'court', detected: { custodyDays: 60, custodyKind: 'pre_trial' } }],
    ],
    [
      'fr',
      'Le 10 janvier 2024, le tribunal a prolongé sa détention provisoire de 60 jours.',
      [{ kind: 'custody_order', detected: { custodyDays: 60 } }],
    ],
    [
      'es',
      'El 10 de enero de 2024, el juez prorrogó su prisión preventiva por 60 días.',
      [{ kind: 'custody_order', detected: { custodyDays: 60 } }],
    ],
    [
      'ru',
      '10 января 2024 г. суд продлил ему срок содержания под стражей на 60 дней.',
      [{ kind: 'custody_order', detected: { custodyDays: 60 } }],
    ],
  ],
  'a hearing and the next date it sets': [
    [
      'en',
      'At a hearing on 8 February 2024, the judge adjourned the case to 14 March 2024.',
      [
        {
          kind: 'hearing',
          type: 'court',
          occurredOn: '2024-02-08',
          detected: { hearing: { on: '2024-02-08' }, nextHearing: { on: '2024-03-14' } },
        },
      ],
    ],
    [
      'fr',
      'Lors de l’audience du 8 février 2024, le tribunal a renvoyé l’affaire au 14 mars 2024.',
      [
        {
          kind: 'hearing',
          occurredOn: '2024-02-08',
          detected: { hearing: { on: '2024-02-08' }, nextHearing: { on: '2024-03-14' } },
        },
      ],
    ],
    [
      'es',
      'En la audiencia del 8 de febrero de 2024, el juez aplazó el juicio hasta el 14 de marzo de 2024.',
      [
        {
          kind: 'hearing',
          occurredOn: '2024-02-08',
          detected: { hearing: { on: '2024-02-08' }, nextHearing: { on: '2024-03-14' } },
        },
      ],
    ],
    [
      'ru',
      'На заседании 8 февраля 2024 г. суд отложил рассмотрение дела на 14 марта 2024 г.',
      [
        {
          kind: 'hearing',
          occurredOn: '2024-02-08',
          detected: { hearing: { on: '2024-02-08' }, nextHearing: { on: '2024-03-14' } },
        },
      ],
    ],
  ],
  'a conviction and its sentence, two entries from one sentence': [
    [
      'en',
      'On 15 November 2023, he was convicted of spreading false news and sentenced to seven years and six months in prison.',
      [
        { type: 'conviction', occurredOn: '2023-11-15' },
        { type: 'sentence', occurredOn: '2023-11-15', sentenceTerm: 'P7Y6M' },
      ],
    ],
    [
      'fr',
      'Le 15 novembre 2023, elle a été reconnue coupable et condamnée à sept ans de prison.',
      [{ type: 'conviction' }, { type: 'sentence', sentenceTerm: 'P7Y' }],
    ],
    [
      'es',
      'El 15 de noviembre de 2023 fue declarada culpable y condenada a siete años de prisión.',
      [{ type: 'conviction' }, { type: 'sentence', sentenceTerm: 'P7Y' }],
    ],
    [
      'ru',
      '15 ноября 2023 г. суд признал её виновной и приговорил к 7 годам лишения свободы.',
      [{ type: 'conviction' }, { type: 'sentence', sentenceTerm: 'P7Y' }],
    ],
  ],
  'an appeal filed (a court event until appeal types exist)': [
    [
      'en',
      'On 2 December 2023, her lawyers filed an appeal against the verdict.',
      [{ kind: 'appeal_filed', type: 'court' }],
    ],
    ['fr', 'Le 2 décembre 2023, ses avocats ont fait appel du jugement.', [{ kind: 'appeal_filed' }]],
    [
      'es',
      'El 2 de diciembre de 2023, sus abogados presentaron un recurso de apelación.',
      [{ kind: 'appeal_filed' }],
    ],
    ['ru', '2 декабря 2023 г. адвокаты подали апелляцию на приговор.', [{ kind: 'appeal_filed' }]],
  ],
  'an appeal decided': [
    [
      'en',
      'On 20 March 2024, the appeal court upheld the sentence.',
      [{ kind: 'appeal_decision', type: 'court' }],
    ],
    ['fr', 'Le 20 mars 2024, la cour d’appel a confirmé la condamnation.', [{ kind: 'appeal_decision' }]],
    [
      'es',
      'El 20 de marzo de 2024, el tribunal de apelación confirmó la sentencia.',
      [{ kind: 'appeal_decision' }],
    ],
    [
      'ru',
      '20 марта 2024 г. апелляционный суд оставил приговор без изменения.',
      [{ kind: 'appeal_decision' }],
    ],
  ],
  'a release': [
    ['en', 'She was released from prison on 30 April 2024.', [{ type: 'release', occurredOn: '2024-04-30' }]],
    ['fr', 'Il a été libéré le 30 avril 2024.', [{ type: 'release' }]],
    ['es', 'Fue puesta en libertad el 30 de abril de 2024.', [{ type: 'release' }]],
    ['ru', '30 апреля 2024 г. его освободили из колонии.', [{ type: 'release' }]],
  ],
  'a travel ban': [
    [
      'en',
      'On 1 August 2022, the authorities imposed a travel ban on him.',
      [{ type: 'travel_ban', occurredOn: '2022-08-01' }],
    ],
    [
      'fr',
      'Le 1er août 2022, les autorités lui ont imposé une interdiction de quitter le territoire.',
      [{ type: 'travel_ban' }],
    ],
    [
      'es',
      'El 1 de agosto de 2022, las autoridades le impusieron una prohibición de salir del país.',
      [{ type: 'travel_ban' }],
    ],
    ['ru', '1 августа 2022 г. ему запретили выезд из страны.', [{ type: 'travel_ban' }]],
  ],
  'a death in custody': [
    ['en', 'He died in custody on 9 January 2024.', [{ type: 'death_in_custody', occurredOn: '2024-01-09' }]],
    ['fr', 'Il est décédé en détention le 9 janvier 2024.', [{ type: 'death_in_custody' }]],
    ['es', 'Falleció bajo custodia el 9 de enero de 2024.', [{ type: 'death_in_custody' }]],
    ['ru', '9 января 2024 г. он скончался в СИЗО.', [{ type: 'death_in_custody' }]],
  ],
  'anything else dated: kept as an event of type other, the sentence as its text': [
    [
      'en',
      'On 4 April 2023, his family held a press conference in the capital.',
      [{ type: 'other', description: 'On 4 April 2023, his family held a press conference in the capital.' }],
    ],
    ['fr', 'Le 4 avril 2023, sa famille a tenu une conférence de presse.', [{ type: 'other' }]],
    ['es', 'El 4 de abril de 2023, su familia ofreció una rueda de prensa.', [{ type: 'other' }]],
    ['ru', '4 апреля 2023 г. его семья провела пресс-конференцию.', [{ type: 'other' }]],
  ],
};

describe('statement import: recognising what happened', () => {
  for (const [kind, rows] of Object.entries(KINDS)) {
    it.each(rows)(`${kind} (%s): %s`, (_lang, text, expected) => {
      expect(read(text)).toMatchObject(expected);
    });
  }

  it('leaves out what says nothing dated, and shows it as skipped', () => {
    const parsed = parseChronology(
      'We call on the authorities to release him immediately and unconditionally.',
    );
    expect(parsed.entries).toEqual([]);
    expect(parsed.skipped).toEqual([
      { line: 1, text: 'We call on the authorities to release him immediately and unconditionally.' },
    ]);
  });

  it('reads "released on bail" as bail, not as a release, and a travel ban that comes with bail as its condition', () => {
    expect(findFacts('He was released on bail with a travel ban.').map((fact) => fact.kind)).toEqual([
      'bail_granted',
    ]);
  });

  it('keeps commentary only when nothing else happened', () => {
    expect(
      findFacts('UN experts condemned the arrest and called for her release.').map((fact) => fact.kind),
    ).toEqual(['un_action']);
    expect(findFacts('The UN said she was arrested at dawn.').map((fact) => fact.kind)).toEqual(['arrest']);
  });

  it('writes appeals as court events, in one place', () => {
    expect([eventTypeOf('appeal_filed'), eventTypeOf('appeal_decision'), eventTypeOf('arrest')]).toEqual([
      'court',
      'court',
      'arrest',
    ]);
  });

  it('reads a term as an ISO duration, life or death', () => {
    expect(sentenceTerm('sentenced to life imprisonment', countOf)).toBe('life');
    expect(sentenceTerm('sentenced to death', countOf)).toBe('death');
    expect(sentenceTerm('sentenced to 18 months in prison', countOf)).toBe('P18M');
    expect(sentenceTerm('fined', countOf)).toBeUndefined();
    expect(bailConditions('on a surety and to report to the police weekly')).toEqual(['reporting', 'surety']);
  });
});

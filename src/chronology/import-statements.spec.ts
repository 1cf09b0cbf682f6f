import { parseChronology, ParsedChronology } from './import-parser';
import { findPeople, foldName, KnownPerson, sameNamePart } from './import-people';

// Three statements written the way joint NGO statements are, read entry by entry: whom each entry
// is about, when, what, and what the caseworker is warned of.

const LEYLA: KnownPerson = { id: 'leyla', names: ['Leyla Hasanova', 'Лейла Гасанова'] };
const RASHAD: KnownPerson = { id: 'rashad', names: ['Rashad Aliyev', 'Rəşad Əliyev'] };
const AHMED: KnownPerson = { id: 'ahmed', names: ['Ahmed Yousef', 'Ahmad Yusuf'] };
const NADIA: KnownPerson = { id: 'nadia', names: ['Nadia Karimova'] };
const PEOPLE = [LEYLA, RASHAD, AHMED, NADIA];

const summary = (parsed: ParsedChronology) =>
  parsed.entries.map((entry) => ({
    line: entry.line,
    kind: entry.kind,
    on: entry.occurredOn,
    ...(entry.endedOn ? { endedOn: entry.endedOn } : {}),
    personId: entry.personId,
    warnings: parsed.warnings.filter((warning) => warning.entry === entry.id).map((warning) => warning.kind),
  }));

describe('statement import: three statements, entry by entry', () => {
  it('two co-accused: each entry proposed for the person it names, the other’s left out with a warning', () => {
    const text = [
      'Joint statement: free the journalists Leyla Hasanova and Rashad Aliyev',
      '',
      'The undersigned organisations condemn the continued detention of the two journalists.',
      '',
      'On 14 September 2023, police arrested Leyla Hasanova and Rashad Aliyev at the office of the',
      'independent outlet they run. On 16 September, the district court ordered both held in pre-trial detention.',
      '',
      'Hasanova was charged on 20 September 2023 under Article 206.3.2 of the Criminal Code. On 2 February 2024,',
      'the court extended her detention by 90 days, while Rashad Aliev was released under house arrest the next day.',
      '',
      'We call on the authorities to release Leyla Hasanova immediately.',
    ].join('\n');
    const parsed = parseChronology(text, { people: PEOPLE, defenderId: 'leyla', today: '2026-12-01' });
    expect(summary(parsed)).toEqual([
      { line: 5, kind: 'arrest', on: '2023-09-14', personId: 'leyla', warnings: [] },
      { line: 6, kind: 'custody_order', on: '2023-09-16', personId: 'leyla', warnings: ['year-guessed'] },
      { line: 8, kind: 'charges', on: '2023-09-20', personId: 'leyla', warnings: [] },
      { line: 8, kind: 'custody_order', on: '2024-02-02', personId: 'leyla', warnings: [] },
      {
        line: 8,
        kind: 'release',
        on: '2024-02-03',
        personId: 'rashad',
        warnings: ['relative-date', 'other-person'],
      },
    ]);
    expect(parsed.entries[0].people).toEqual(['leyla', 'rashad']);
    expect(parsed.entries[2].detected.charges).toEqual([
      { law: 'Criminal Code', section: '206.3.2', status: 'alleged' },
    ]);
    expect(parsed.entries[3].detected).toMatchObject({ custodyDays: 90 });
    expect(parsed.warnings.find((warning) => warning.kind === 'other-person')?.problem).toMatch(
      /^about Rashad Aliyev, not Leyla Hasanova/,
    );
    expect(parsed.skipped.map((item) => item.line)).toEqual([1, 3, 11]);
  });

  it('a hunger strike and a death: one hunger strike, not two, and the transfer counted back from the death', () => {
    const text = [
      'Egypt: Ahmad Yusuf dies in custody after weeks on hunger strike',
      '',
      'Human rights defender Ahmed Yousef, held since his arrest on 11 June 2022, began a hunger strike on',
      '1 March 2024 in protest at being denied family visits.',
      '',
      'Ahmed Yousef died in custody on 19 April 2024, 49 days into his hunger strike. The prison administration',
      'said he had been transferred to the prison hospital two days earlier.',
      '',
      'The organisations call for an independent investigation into his death.',
    ].join('\n');
    const parsed = parseChronology(text, { people: PEOPLE, defenderId: 'ahmed', today: '2026-12-01' });
    expect(summary(parsed)).toEqual([
      { line: 3, kind: 'arrest', on: '2022-06-11', personId: 'ahmed', warnings: [] },
      { line: 3, kind: 'hunger_strike', on: '2024-03-01', personId: 'ahmed', warnings: [] },
      { line: 3, kind: 'family_visit_denied', on: '2024-03-01', personId: 'ahmed', warnings: [] },
      { line: 6, kind: 'death_in_custody', on: '2024-04-19', personId: 'ahmed', warnings: [] },
      { line: 6, kind: 'transfer', on: '2024-04-17', personId: 'ahmed', warnings: ['relative-date'] },
      { line: 6, kind: 'health', on: '2024-04-17', personId: 'ahmed', warnings: ['relative-date'] },
    ]);
    expect(parsed.entries.map((entry) => entry.id)).toEqual(['3', '3.2', '3.3', '6', '6.2', '6.3']);
    expect(parsed.skipped.map((item) => item.line)).toEqual([1, 9]);
  });

  it('bail revoked and granted again: each bail with its conditions, the year-less date warned about', () => {
    const text = [
      'Kyrgyzstan: court revokes the bail of lawyer Nadia Karimova',
      '',
      'On 3 May 2022, Nadia Karimova was detained again after the district court revoked her bail. She had',
      'been granted bail on 12 January 2022 on condition that she report to the police weekly.',
      '',
      'On 20 May, the court denied her bail again. On 1 July 2022, the city court granted her bail once more,',
      'placing her under house arrest with an electronic bracelet until the trial.',
      '',
      'Her trial opened on 5 September 2022 and was adjourned to 19 September 2022.',
    ].join('\n');
    const parsed = parseChronology(text, { people: PEOPLE, defenderId: 'nadia', today: '2026-12-01' });
    expect(summary(parsed)).toEqual([
      { line: 3, kind: 'detention', on: '2022-05-03', personId: 'nadia', warnings: [] },
      { line: 3, kind: 'bail_revoked', on: '2022-05-03', personId: 'nadia', warnings: [] },
      { line: 3, kind: 'bail_granted', on: '2022-01-12', personId: 'nadia', warnings: [] },
      { line: 6, kind: 'bail_denied', on: '2022-05-20', personId: 'nadia', warnings: ['year-guessed'] },
      { line: 6, kind: 'bail_granted', on: '2022-07-01', personId: 'nadia', warnings: [] },
      { line: 9, kind: 'hearing', on: '2022-09-05', personId: 'nadia', warnings: [] },
    ]);
    expect(parsed.entries[2].bailConditions).toEqual(['reporting']);
    expect(parsed.entries[4].bailConditions).toEqual(['electronic_monitoring', 'house_confinement']);
    expect(parsed.entries[5].detected).toEqual({
      hearing: { on: '2022-09-05' },
      nextHearing: { on: '2022-09-19' },
    });
  });
});

describe('statement import: the README’s example', () => {
  it('reads the README’s paragraph into the preview the README shows', () => {
    const mirela = { id: 'mirela', names: ['Mirela Dobre'] };
    const teodor = { id: 'teodor', names: ['Teodor Vlasov'] };
    const text = [
      'On 14 September 2023, police arrested Mirela Dobre and Teodor Vlasov at the office of the',
      'weekly they edit. On 16 September, the district court ordered both held in pre-trial detention.',
      '',
      'Dobre was charged on 20 September 2023 under Article 206.3.2 of the Criminal Code. On 2 February 2024,',
      'the court extended her detention by 90 days, while Vlasov was released under house arrest the next day.',
      '',
      'We call on the authorities to release Mirela Dobre immediately.',
    ].join('\n');
    const parsed = parseChronology(text, { people: [mirela, teodor], defenderId: 'mirela' });
    expect(parsed.entries.map((entry) => [entry.id, entry.occurredOn, entry.kind, entry.personId])).toEqual([
      ['1', '2023-09-14', 'arrest', 'mirela'],
      ['2', '2023-09-16', 'custody_order', 'mirela'],
      ['4', '2023-09-20', 'charges', 'mirela'],
      ['4.2', '2024-02-02', 'custody_order', 'mirela'],
      ['4.3', '2024-02-03', 'release', 'teodor'],
    ]);
    expect(parsed.warnings.map((warning) => [warning.entry, warning.problem])).toEqual([
      ['2', '"16 September" has no year: 2023 taken from 14 September 2023; check it'],
      ['4.3', '"the next day" counted from 2 February 2024 (line 4): 3 February 2024; check it'],
      [
        '4.3',
        'about Teodor Vlasov, not Mirela Dobre: left out of this case unless you choose this case’s defender (import it into their own case instead)',
      ],
    ]);
    expect(parsed.entries[2].detected.charges).toEqual([
      { law: 'Criminal Code', section: '206.3.2', status: 'alleged' },
    ]);
    expect(parsed.entries[3].detected.custodyDays).toBe(90);
    expect(parsed.skipped).toEqual([
      { line: 7, text: 'We call on the authorities to release Mirela Dobre immediately.' },
    ]);
  });
});

describe('statement import: whom a sentence is about', () => {
  it('matches transliterations and spelling variants, not different names', () => {
    expect(sameNamePart('Pervez', 'Parvez')).toBe(true);
    expect(sameNamePart('Парвез', 'Parvez')).toBe(true);
    expect(sameNamePart('Khurram', 'Hurram')).toBe(true);
    expect(sameNamePart('Aliev', 'Aliyev')).toBe(true);
    expect(sameNamePart('Sara', 'Sami')).toBe(false);
    expect(foldName('Parvez’s')).toBe(foldName('Parvez'));
  });

  it('finds a whole name in Cyrillic, a surname alone, and says when a name fits two defenders', () => {
    const sisters = [
      { id: 'a', names: ['Mariam Haddad'] },
      { id: 'b', names: ['Salma Haddad'] },
    ];
    expect(findPeople('Лейла Гасанова была задержана.', PEOPLE).map((mention) => mention.ids)).toEqual([
      ['leyla'],
    ]);
    expect(findPeople('Haddad was released.', sisters).map((mention) => mention.ids)).toEqual([['a', 'b']]);
    const parsed = parseChronology('On 3 May 2023, Haddad was released.', {
      people: sisters,
      defenderId: 'a',
    });
    expect(parsed.entries[0].personId).toBeNull();
    expect(parsed.warnings.map((warning) => warning.kind)).toEqual(['person-unsure']);
  });

  it('asks when a paragraph names several people and a sentence names none', () => {
    const parsed = parseChronology(
      'Leyla Hasanova and Rashad Aliyev are journalists.\n\nOn 3 May 2023, the court denied bail.',
      {
        people: PEOPLE,
        defenderId: 'leyla',
      },
    );
    expect(parsed.entries.map((entry) => entry.personId)).toEqual([null]);
    expect(parsed.warnings.map((warning) => warning.kind)).toEqual(['person-unsure']);
  });

  it('gives a text that names nobody known to the case’s defender', () => {
    const parsed = parseChronology('On 3 May 2023, he was arrested.', {
      people: PEOPLE,
      defenderId: 'nadia',
    });
    expect(parsed.entries.map((entry) => entry.personId)).toEqual(['nadia']);
    expect(parsed.warnings).toEqual([]);
  });
});

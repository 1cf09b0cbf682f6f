import fc from 'fast-check';
import { describeWithFixtures, readFixture } from '../../test/support/fixtures';
import { entryLine } from './date-phrases';
import { parseChronology, readCharges } from './import-parser';

// Read in beforeAll, not at load: where the fixture is missing the suite is skipped, not broken.
let fixture: string;
let fixtureLines: string[];
// The fixture was copied from web pages and keeps their no-break spaces; compare words, not spacing.
const squash = (text: string | undefined): string => (text ?? '').replace(/\s+/gu, ' ');

describeWithFixtures('chronology import parser: the Khurram Parvez fixture, line by line', () => {
  let parsed: ReturnType<typeof parseChronology>;
  let byLine: Map<number, (typeof parsed.entries)[number]>;

  beforeAll(() => {
    fixture = readFixture('khurram-parvez-chronology.txt');
    fixtureLines = fixture.split('\n');
    parsed = parseChronology(fixture, { today: '2026-01-15' });
    byLine = new Map(parsed.entries.map((entry) => [entry.line, entry]));
  });

  it('takes the first line as the title and the undated paragraphs before the entries as the profile', () => {
    expect(parsed.title).toBe(fixtureLines[0]);
    expect(parsed.profile).toEqual([
      fixtureLines[2],
      fixtureLines[4],
      'He has faced systematic harassment to advocate against human rights violations in Indian administered Jammu and Kashmir.',
    ]);
  });

  it('finds exactly the dated entries, in the order written, with their lines', () => {
    expect(parsed.entries.map((entry) => [entry.line, entry.occurredOn, entry.precision])).toEqual([
      [7, '2016-09-01', 'month'],
      [9, '2020-10-01', 'month'],
      [12, '2021-11-22', 'day'],
      [16, '2021-11-24', 'day'],
      [18, '2021-11-30', 'day'],
      [20, '2021-12-02', 'day'],
      [22, '2021-12-04', 'day'],
      [24, '2021-12-25', 'day'],
      [27, '2021-01-24', 'day'],
      [29, '2022-02-12', 'day'],
      [31, '2022-03-24', 'day'],
      [33, '2022-03-27', 'day'],
      [35, '2022-05-13', 'day'],
      [39, '2022-06-21', 'day'],
      [41, '2022-07-06', 'day'],
      [43, '2022-11-16', 'day'],
      [45, '2022-11-21', 'day'],
    ]);
  });

  it('keeps each day entry’s text exactly as written after its date', () => {
    for (const entry of parsed.entries.filter((e) => e.precision === 'day')) {
      const written = fixtureLines[entry.line - 1].trim();
      expect(entry.description.split('\n\n')[0]).toBe(written.replace(/^\d{1,2} \p{L}+ \d{4}:\s+/u, ''));
    }
  });

  it('reads a dated sentence inside a profile paragraph as an entry running to the paragraph’s end (line 7)', () => {
    expect(squash(byLine.get(7)?.description)).toBe(
      'The Indian authorities arrested him a day after he was barred from travelling to Switzerland to attend ' +
        'the 33rd session of the United Nations Human Rights Council. He was charged under the draconian Jammu ' +
        'and Kashmir Public Safety Act (PSA), which allows detention without charge for up to two years. He was ' +
        'released after 76 days in detention.',
    );
    expect(byLine.get(7)?.type).toBe('arrest');
  });

  it('reads "In October 2020, …" as a month entry (line 9)', () => {
    expect(squash(byLine.get(9)?.description)).toMatch(
      /^Nine simultaneous raids were conducted by the National/,
    );
    expect(byLine.get(9)?.type).toBe('raid');
  });

  it('joins undated paragraphs to the entry before them (lines 14 and 37)', () => {
    expect(byLine.get(12)?.description).toBe(
      `${fixtureLines[11].slice('22 November 2021: '.length)}\n\n${fixtureLines[13]}`,
    );
    expect(byLine.get(35)?.description).toBe(
      `${fixtureLines[34].slice('13 May 2022: '.length).trim()}\n\n${fixtureLines[36]}`,
    );
  });

  it('recognises the CIVICUS rating as the closing line, not as part of the last entry', () => {
    expect(squash(parsed.closingLine)).toBe("India is rated 'Repressed' by the CIVICUS Monitor.");
    expect(byLine.get(45)?.description).not.toContain('CIVICUS');
  });

  it('reads the charges of the arrest memo with their offences (line 12/14)', () => {
    expect(byLine.get(12)?.detected.charges).toEqual([
      { law: 'Indian Penal Code', section: '120B', status: 'alleged', offence: 'criminal conspiracy' },
      {
        law: 'Indian Penal Code',
        section: '121',
        status: 'alleged',
        offence: 'waging war against the government of India',
      },
      {
        law: 'Indian Penal Code',
        section: '121A',
        status: 'alleged',
        offence: 'punishment for conspiracy to wage war against the government of India',
      },
      ...[
        ['17', 'raising funds for terror activities'],
        ['18', 'punishment for conspiracy'],
        ['18B', 'recruiting any person or persons for commission of a terrorist act'],
        ['38', 'offence relating to membership of a terrorist organisation'],
        ['40', 'offence of raising funds for terrorist organisations'],
      ].map(([section, offence]) => ({
        law: 'Unlawful Activities (Prevention) Act',
        section,
        status: 'alleged',
        offence,
      })),
    ]);
    expect(byLine.get(12)?.type).toBe('arrest');
  });

  it('reads the charge sheet’s charges, Section 8 of the Prevention of Corruption Act included (line 35)', () => {
    const charges = byLine.get(35)?.detected.charges ?? [];
    expect(charges.map((charge) => `${charge.law} ${charge.section}`)).toEqual([
      'Indian Penal Code 120B',
      'Indian Penal Code 121A',
      'Prevention of Corruption Act 8',
      'Unlawful Activities (Prevention) Act 13',
      'Unlawful Activities (Prevention) Act 18',
      'Unlawful Activities (Prevention) Act 18B',
      'Unlawful Activities (Prevention) Act 38',
      'Unlawful Activities (Prevention) Act 39',
    ]);
    expect(charges.every((charge) => charge.status === 'in_charge_sheet')).toBe(true);
    expect(charges[2].offence).toBe(
      'taking gratification, in order, by corrupt or illegal means, to influence public servant',
    );
    expect(charges[7].offence).toBe('giving support to a terrorist organisation');
    expect(byLine.get(35)?.type).toBe('charge_sheet');
  });

  it('reads custody orders: days, kind and a stated end date', () => {
    expect(byLine.get(22)?.detected).toMatchObject({ custodyDays: 20, custodyKind: 'judicial' });
    expect(byLine.get(24)?.detected).toMatchObject({
      custodyDays: 30,
      until: '2022-01-21',
      custodyKind: 'judicial',
    });
    expect(byLine.get(27)?.detected).toMatchObject({ custodyDays: 40 });
    expect(byLine.get(29)?.detected).toMatchObject({ custodyDays: 40 });
    expect(byLine.get(31)?.detected).toMatchObject({ custodyDays: 50, custodyKind: 'judicial' });
    // "after 12 days under NIA's custody" and "released after 76 days in detention" are not orders.
    for (const line of [7, 12, 16, 18, 20, 33, 35, 39, 41, 43, 45]) {
      expect(byLine.get(line)?.detected.custodyDays).toBeUndefined();
    }
  });

  it('reads hearings and their courts', () => {
    expect(byLine.get(18)?.detected.hearing).toEqual({ on: '2021-11-30', court: 'NIA court' });
    expect(byLine.get(22)?.detected.hearing).toEqual({
      on: '2021-12-04',
      court: 'National Investigation Agency (NIA) Special Court in New Delhi',
    });
    expect(byLine.get(29)?.detected.hearing).toEqual({ on: '2022-02-12' });
    expect(byLine.get(31)?.detected.hearing).toEqual({ on: '2022-03-24', court: 'NIA Court' });
    expect(byLine.get(41)?.detected.hearing).toEqual({
      on: '2022-07-06',
      court: 'NIA Special Court in New Delhi',
    });
    for (const line of [12, 16, 20, 24, 33, 35, 39, 43, 45]) {
      expect(byLine.get(line)?.detected.hearing).toBeUndefined();
    }
  });

  it('gives each entry the type a caseworker would', () => {
    expect(Object.fromEntries(parsed.entries.map((entry) => [entry.line, entry.type]))).toEqual({
      7: 'arrest',
      9: 'raid',
      12: 'arrest',
      16: 'transfer',
      18: 'court',
      20: 'un_action',
      22: 'court',
      24: 'court',
      27: 'court',
      29: 'court',
      31: 'court',
      33: 'raid',
      35: 'charge_sheet',
      39: 'advocacy',
      41: 'court',
      43: 'un_action',
      45: 'statement',
    });
  });

  it('warns about exactly two things: the custody arithmetic of line 24 and the 2021 entry among 2022 ones', () => {
    expect(parsed.warnings).toEqual([
      {
        line: 24,
        entry: '24',
        kind: 'custody-arithmetic',
        problem:
          '30 days from 25 December 2021 end on 24 January 2022, but the text says until 21 January 2022',
        params: {
          days: 30,
          from: { on: '2021-12-25', precision: 'day' },
          computed: { on: '2022-01-24', precision: 'day' },
          until: { on: '2022-01-21', precision: 'day' },
        },
      },
      {
        line: 27,
        entry: '27',
        kind: 'out-of-order',
        problem:
          '24 January 2021 comes after 25 December 2021 (line 24): out of date order — is the year right?',
        params: {
          date: { on: '2021-01-24', precision: 'day' },
          previous: { on: '2021-12-25', precision: 'day' },
          previousLine: 24,
        },
      },
    ]);
  });
});

describe('chronology import parser: each warning', () => {
  it('refuses impossible dates and drops their continuation with them', () => {
    const parsed = parseChronology(
      [
        '1 February 2022: Arrested.',
        '',
        '31 February 2022: Custody extended.',
        '',
        'More about it.',
        '',
        '2 March 2022: Hearing.',
      ].join('\n'),
    );
    expect(parsed.entries.map((entry) => entry.occurredOn)).toEqual(['2022-02-01', '2022-03-02']);
    expect(parsed.entries[0].description).toBe('Arrested.');
    expect(parsed.warnings).toEqual([
      {
        line: 3,
        kind: 'impossible-date',
        problem: '"31 February 2022" is not a real date',
        params: { written: '31 February 2022' },
      },
    ]);
  });

  it('refuses day 0, 29 February of a common year and implausible years', () => {
    const parsed = parseChronology(
      '0 March 2022: A.\n29 February 2021: B.\nIn 1066: C.\n29 February 2024: D.',
    );
    expect(parsed.warnings.map((warning) => [warning.line, warning.kind])).toEqual([
      [1, 'impossible-date'],
      [2, 'impossible-date'],
      [3, 'impossible-date'],
    ]);
    expect(parsed.entries.map((entry) => entry.occurredOn)).toEqual(['2024-02-29']);
  });

  it('flags custody that ends before it was ordered', () => {
    const parsed = parseChronology(
      '25 December 2021: Judicial custody extended for 30 days until 21 January 2021.',
    );
    expect(parsed.warnings).toEqual([
      {
        line: 1,
        entry: '1',
        kind: 'custody-end-before-order',
        problem: 'custody ends on 21 January 2021, before it was ordered on 25 December 2021',
        params: {
          until: { on: '2021-01-21', precision: 'day' },
          ordered: { on: '2021-12-25', precision: 'day' },
        },
      },
    ]);
  });

  it('accepts custody arithmetic that adds up', () => {
    const parsed = parseChronology(
      '25 December 2021: Judicial custody extended for 30 days until 24 January 2022.',
    );
    expect(parsed.warnings).toEqual([]);
    expect(parsed.entries[0].detected).toEqual({
      custodyDays: 30,
      custodyKind: 'judicial',
      until: '2022-01-24',
    });
  });

  it('flags entries dated after today', () => {
    const parsed = parseChronology('6 July 2030: Hearing at the NIA Special Court.', { today: '2026-01-15' });
    expect(parsed.warnings).toEqual([
      {
        line: 1,
        entry: '1',
        kind: 'future-date',
        problem: '6 July 2030 is after today',
        params: { date: { on: '2030-07-06', precision: 'day' } },
      },
    ]);
  });

  it('says so when nothing in the text is dated', () => {
    expect(parseChronology('Just a profile paragraph.').warnings).toEqual([
      {
        line: 1,
        kind: 'no-entries',
        problem: 'No dated entries were found ("22 November 2021: …", "On 3 May 2022, …")',
        params: {},
      },
    ]);
  });

  it('does not flag a month entry that may fall after the day entry before it', () => {
    expect(parseChronology('22 November 2021: A.\nIn November 2021, B.').warnings).toEqual([]);
    expect(parseChronology('22 November 2021: A.\nIn October 2021, B.').warnings.map((w) => w.kind)).toEqual([
      'out-of-order',
    ]);
  });
});

describe('chronology import parser: forms of dates and text', () => {
  it('reads every date it writes, in every language and precision', () => {
    const day = fc
      .date({
        min: new Date('1950-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((instant) => instant.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day,
        fc.constantFrom('day', 'month', 'year' as const),
        fc.constantFrom('en', 'ru', 'fr', 'es' as const),
        (date, precision, lang) => {
          const stored =
            precision === 'day'
              ? date
              : precision === 'month'
                ? `${date.slice(0, 7)}-01`
                : `${date.slice(0, 4)}-01-01`;
          const parsed = parseChronology(entryLine(stored, precision, lang, 'Something happened.'), { lang });
          expect(
            parsed.entries.map((entry) => [entry.occurredOn, entry.precision, entry.description]),
          ).toEqual([[stored, precision, 'Something happened.']]);
        },
      ),
    );
  });

  it('reads other ways statements open an entry', () => {
    const parsed = parseChronology(
      [
        'On 3 May 2022, police raided the office.',
        'June 7, 2022: Bail denied.',
        '- 8 June 2022 – Transferred to another prison.',
        'In 2023 he went on hunger strike.',
        'July 2023: Family visits denied.',
      ].join('\n\n'),
    );
    expect(parsed.entries.map((entry) => [entry.occurredOn, entry.precision, entry.description])).toEqual([
      ['2022-05-03', 'day', 'Police raided the office.'],
      ['2022-06-07', 'day', 'Bail denied.'],
      ['2022-06-08', 'day', 'Transferred to another prison.'],
      ['2023-01-01', 'year', 'He went on hunger strike.'],
      ['2023-07-01', 'month', 'Family visits denied.'],
    ]);
    expect(parsed.entries.map((entry) => entry.type)).toEqual([
      'raid',
      'bail_denied',
      'transfer',
      'hunger_strike',
      'family_visit_denied',
    ]);
  });

  it('joins hard-wrapped lines with a space and paragraphs with a blank line', () => {
    const parsed = parseChronology(
      '22 November 2021: Raids on the house\nand the office.\n\nHe was arrested.',
    );
    expect(parsed.entries[0].description).toBe('Raids on the house and the office.\n\nHe was arrested.');
  });

  it('reads a text without "date:" lines as a statement: dates inside sentences, undated ones left out', () => {
    const parsed = parseChronology(
      'Profile. He was detained in November 2021 and charged.\n\nIn the chargesheet, nothing.',
    );
    expect(parsed.entries.map((entry) => [entry.occurredOn, entry.precision, entry.type])).toEqual([
      ['2021-11-01', 'month', 'detention'],
      ['2021-11-01', 'month', 'other'],
    ]);
    expect(parsed.skipped.map((item) => item.text)).toEqual(['Profile.', 'In the chargesheet, nothing.']);
    expect(parsed.profile).toEqual([]);
  });

  it('reads custody in Russian, French and Spanish', () => {
    expect(
      parseChronology(
        '24 марта 2022 г.: Суд продлил срок содержания под стражей на 50 дней до 13 мая 2022 г.',
      ).entries[0].detected,
    ).toMatchObject({ custodyDays: 50, until: '2022-05-13' });
    expect(
      parseChronology('24 mars 2022 : Le tribunal a prolongé sa détention de 50 jours.').entries[0].detected,
    ).toMatchObject({ custodyDays: 50 });
    expect(
      parseChronology(
        '24 de marzo de 2022: El tribunal prorrogó su detención por 50 días hasta el 13 de mayo de 2022.',
      ).entries[0].detected,
    ).toMatchObject({ custodyDays: 50, until: '2022-05-13' });
  });

  it('reads the next hearing an entry announces', () => {
    const parsed = parseChronology(
      '6 July 2022: Hearing held. The next hearing is scheduled for 21 January 2023.',
    );
    expect(parsed.entries[0].detected).toMatchObject({
      hearing: { on: '2022-07-06' },
      nextHearing: { on: '2023-01-21' },
    });
  });

  it('reads section lists in their written variants', () => {
    expect(readCharges('under Section 8 of the Prevention of Corruption Act.')).toEqual([
      { law: 'Prevention of Corruption Act', section: '8', status: 'alleged' },
    ]);
    expect(
      readCharges(
        'Sections 17, 18, 18B, 38, and 40 of the draconian Unlawful Activities (Prevention) Act (UAPA)',
      ).map((c) => c.section),
    ).toEqual(['17', '18', '18B', '38', '40']);
    expect(
      readCharges('Sections 13, 18, 18B, 38 and 39 of the Unlawful Activities (Prevention) Act 1967').map(
        (c) => c.law,
      ),
    ).toEqual(Array(5).fill('Unlawful Activities (Prevention) Act 1967'));
    expect(readCharges('Sections 124A & 153A of the Indian Penal Code').map((c) => c.section)).toEqual([
      '124A',
      '153A',
    ]);
  });
});

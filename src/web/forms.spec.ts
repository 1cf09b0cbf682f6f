import { IsDateString, IsIn, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DomainError } from '../common/domain-error';
import { filledRows, READ_PROBLEMS, readForm, typedValues, validateAs } from './forms';

class Extension {
  @IsIn(['judicial', 'police'])
  kind: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  days?: number;
}

class Outcome {
  @IsString()
  result: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Extension)
  custodyExtension?: Extension;
}

class Order {
  @IsDateString({ strict: true })
  orderedOn: string;

  @IsOptional()
  @IsDateString({ strict: true })
  until?: string;

  @IsInt()
  @Min(1)
  days: number;
}

describe('reading forms into DTOs', () => {
  it('builds nested objects from dotted names and converts numbers, lines and flags', () => {
    const plain = readForm(
      {
        _csrf: 'token',
        result: ' Custody extended ',
        'custodyExtension.kind': 'judicial',
        'custodyExtension.days': '50',
        otherNames: 'Khurram Pervez\r\n\r\n  K. Parvez  ',
        muted: 'on',
        sneaky: 'not in the spec',
      },
      {
        result: 'text',
        'custodyExtension.kind': 'text',
        'custodyExtension.days': 'int',
        otherNames: 'lines',
        muted: 'flag',
        notes: 'optional',
      },
      'create',
    );
    expect(plain).toEqual({
      result: 'Custody extended',
      custodyExtension: { kind: 'judicial', days: 50 },
      otherNames: ['Khurram Pervez', 'K. Parvez'],
      muted: true,
    });
  });

  it('leaves blank optional fields out when creating and clears them when editing', () => {
    const body = { notes: '  ', days: '' };
    expect(readForm(body, { notes: 'optional', days: 'int' }, 'create')).toEqual({});
    expect(readForm(body, { notes: 'optional', days: 'int' }, 'update')).toEqual({ notes: null, days: null });
  });

  it('reads separated lists and yes/no choices, blank meaning "as the default"', () => {
    const spec = { offsets: 'list', days: 'numbers', yearly: 'choice' } as const;
    expect(
      readForm({ offsets: 'P7D, P1D  PT2H', days: '30,100 150 x', yearly: 'false' }, spec, 'update'),
    ).toEqual({
      offsets: ['P7D', 'P1D', 'PT2H'],
      days: [30, 100, 150, 'x'],
      yearly: false,
    });
    expect(readForm({ offsets: ' ', days: '', yearly: '' }, spec, 'update')).toEqual({
      offsets: null,
      days: null,
      yearly: null,
    });
  });

  it('passes a non-number on for the DTO to refuse rather than guessing', () => {
    expect(readForm({ days: 'fifty' }, { days: 'int' }, 'create')).toEqual({ days: 'fifty' });
  });

  it('reads repeated groups into arrays and drops rows left blank', () => {
    const plain = readForm(
      { 'contacts.0.name': 'A', 'contacts.0.phone': '', 'contacts.1.name': ' ', 'contacts.1.phone': '' },
      {
        'contacts.0.name': 'optional',
        'contacts.0.phone': 'optional',
        'contacts.1.name': 'optional',
        'contacts.1.phone': 'optional',
      },
      'create',
    );
    expect(filledRows(plain.contacts)).toEqual([{ name: 'A' }]);
  });

  it('gives back what was typed, without the CSRF token', () => {
    expect(typedValues({ _csrf: 'x', law: 'UAPA', list: ['a', 'b'], rows: [{ name: 'A' }] })).toEqual({
      law: 'UAPA',
      list: 'a, b',
    });
  });

  it('validates with the DTO and reports problems per field, with dotted paths', async () => {
    await expect(
      validateAs(Outcome, { result: 'ok', custodyExtension: { kind: 'judicial', days: 50 } }),
    ).resolves.toEqual(expect.objectContaining({ result: 'ok' }));
    const failure = await validateAs(Outcome, { custodyExtension: { kind: 'house', days: 0 } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DomainError);
    const fields = (failure as DomainError).details.map((detail) => detail.field);
    expect(fields).toEqual(
      expect.arrayContaining(['result', 'custodyExtension.kind', 'custodyExtension.days']),
    );
  });

  it('reads dates as people type them and passes them on as ISO days', async () => {
    const plain = readForm(
      { orderedOn: '20 November 2024', until: '٢٠ نوفمبر ٢٠٢٤', days: '5' },
      { orderedOn: 'date', until: 'date', days: 'int' },
      'create',
    );
    expect(plain).toEqual({ orderedOn: '2024-11-20', until: '2024-11-20', days: 5 });
    await expect(validateAs(Order, plain)).resolves.toEqual(
      expect.objectContaining({ orderedOn: '2024-11-20' }),
    );
    expect(readForm({ until: ' ' }, { until: 'date' }, 'update')).toEqual({ until: null });
  });

  it('reads a date known to the day, the month or the year into the shape the events API takes', () => {
    const spec = {
      day: 'dateAsKnown',
      month: 'dateAsKnown',
      year: 'dateAsKnown',
      bad: 'dateAsKnown',
    } as const;
    const plain = readForm(
      { day: '3 mai 2022', month: 'mai 2022', year: '2022', bad: 'mai' },
      spec,
      'create',
    );
    expect(plain).toEqual({
      day: '2022-05-03',
      month: '2022-05',
      year: '2022',
      [READ_PROBLEMS]: [{ field: 'bad', problem: 'could not be read as a date' }],
    });
    expect(readForm({ day: ' ' }, { day: 'dateAsKnown' }, 'update')).toEqual({ day: null });
  });

  it('reports dates it cannot read together with the DTO’s problems, one problem per field', async () => {
    const plain = readForm(
      { orderedOn: '20 Novembr 2024', until: '31 February 2024', days: '0' },
      { orderedOn: 'date', until: 'date', days: 'int' },
      'create',
    );
    const failure = await validateAs(Order, plain).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).details).toEqual([
      { field: 'orderedOn', problem: 'could not be read as a date' },
      { field: 'until', problem: 'is not a day of the calendar' },
      { field: 'days', problem: expect.stringContaining('must not be less than 1') },
    ]);
  });

  it('keeps the problems of a form spread into a bigger one', async () => {
    const plain = { ...readForm({ orderedOn: 'soon' }, { orderedOn: 'date' }, 'create'), days: 3 };
    const failure = await validateAs(Order, plain).catch((error: unknown) => error);
    expect((failure as DomainError).details).toEqual([
      { field: 'orderedOn', problem: 'could not be read as a date' },
    ]);
  });

  it('reads ticked offsets and lengths typed as people say them into ISO durations', () => {
    const spec = {
      hearingOffsets: 'offsets',
      custodyOffsets: 'offsets',
      statutoryOffsets: 'offsets',
    } as const;
    expect(
      readForm(
        {
          hearingOffsets: ['PT2H', 'P7D'],
          hearingOffsetsOther: '3 days, 2 weeks, 7 days',
          custodyOffsets: 'P1D',
          custodyOffsetsOther: '٣ أيام',
          statutoryOffsetsOther: ' ',
        },
        spec,
        'update',
      ),
    ).toEqual({
      hearingOffsets: ['PT2H', 'P7D', 'P3D', 'P14D'],
      custodyOffsets: ['P1D', 'P3D'],
      statutoryOffsets: null,
    });
    expect(readForm({ hearingOffsets: 'P7D, P1D  PT2H' }, spec, 'create')).toEqual({
      hearingOffsets: ['P7D', 'P1D', 'PT2H'],
    });
  });

  it('reports each length of time it cannot read, leaving the field out', async () => {
    const plain = readForm(
      { hearingOffsets: 'P7D', hearingOffsetsOther: '3 dayz, 12 hours, soon' },
      { hearingOffsets: 'offsets' },
      'update',
    );
    expect(Object.keys(plain)).toEqual([]);
    const failure = await validateAs(Order, { ...plain, orderedOn: '2024-11-20', days: 1 }).catch(
      (error: unknown) => error,
    );
    expect((failure as DomainError).details).toEqual([
      { field: 'hearingOffsets', problem: 'could not be read as a length of time: 3 dayz' },
      { field: 'hearingOffsets', problem: 'could not be read as a length of time: soon' },
    ]);
  });

  it('reads terms as people say them into what the API stores, and keeps the one it cannot read as typed', () => {
    const spec = { sentenceTerm: 'term', maximumPenalty: 'term', penaltyFrom: 'term' } as const;
    expect(
      readForm(
        { sentenceTerm: '2 ans et 6 mois', maximumPenalty: 'à perpétuité', penaltyFrom: ' ' },
        spec,
        'update',
      ),
    ).toEqual({ sentenceTerm: 'P2Y6M', maximumPenalty: 'life', penaltyFrom: null });
    const unread = readForm({ sentenceTerm: 'quinze ans', maximumPenalty: 'P7Y' }, spec, 'create');
    expect(unread).toEqual({
      maximumPenalty: 'P7Y',
      [READ_PROBLEMS]: [{ field: 'sentenceTerm', problem: 'could not be read as a term: quinze ans' }],
    });
  });

  it('reads a time zone chosen, or typed as its city, the typed one winning', () => {
    const spec = { timezone: 'zone' } as const;
    expect(readForm({ timezone: 'Asia/Almaty' }, spec, 'update')).toEqual({ timezone: 'Asia/Almaty' });
    expect(readForm({ timezone: 'Asia/Almaty', timezoneTyped: ' Baku ' }, spec, 'update')).toEqual({
      timezone: 'Asia/Baku',
    });
    expect(readForm({ timezone: 'Atlantis' }, spec, 'update')).toEqual({ timezone: 'Atlantis' });
    expect(readForm({}, spec, 'update')).toEqual({});
  });
});
